import sys, csv, pathlib
import pdfplumber

def main(src, out):
    out = pathlib.Path(out); out.mkdir(exist_ok=True)
    with pdfplumber.open(src) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            for k, table in enumerate(page.extract_tables(), 1):
                with open(out / f"page-{n}-table-{k}.csv", "w", newline="") as f:
                    csv.writer(f).writerows(table)

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[3] if len(sys.argv) > 3 else "tables")
