import os, sys, requests
owner_repo, title, body = sys.argv[1:4]
r = requests.post(
    f"https://api.github.com/repos/{owner_repo}/issues",
    headers={"Authorization": f"Bearer {os.environ['GITHUB_TOKEN']}", "Accept": "application/vnd.github+json"},
    json={"title": title, "body": body},
    timeout=10,
)
r.raise_for_status()
print(r.json()["html_url"])
