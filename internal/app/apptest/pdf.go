package apptest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// PDFText returns a PDF's text as Debian's pdftotext (poppler-utils) reads it, every run of
// spaces and line breaks made one space so that wrapped phrases still match. It skips the test
// when pdftotext is not installed, and fails it then when CAREPATH_REQUIRE_SERVICES=1.
func PDFText(t testing.TB, pdf string) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CAREPATH_REQUIRE_SERVICES") == "1" {
			t.Fatal("pdftotext (poppler-utils) is not installed (CAREPATH_REQUIRE_SERVICES=1)")
		}
		t.Skip("pdftotext (poppler-utils) is not installed: the PDF's text is not checked")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, []byte(pdf), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext could not read the PDF: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}
