package web_test

import (
	"strings"
	"testing"
)

// TestBrowserReviewerHome: a payer reviewer signs in in chromium and lands on their list of
// assigned authorizations, whose packet link opens the read-only packet; the page passes
// axe-core.
func TestBrowserReviewerHome(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	s := newAssignedScene(t, b.srv.Store)
	consentToAcme(t, b.srv.Store, s.Client.ID)

	b.signInBrowser("rae@acme.example")
	b.open("/staff")
	got := strings.Join(strings.Fields(js[string](b, `document.querySelector('#assigned').textContent`)), " ")
	for _, want := range []string{"Authorizations assigned to you", "Robin Lake", "UR-9", "Acme Health"} {
		if !strings.Contains(got, want) {
			t.Errorf("the reviewer's home lacks %q: %q", want, clip(got, 400))
		}
	}
	b.axeCheck("reviewer's home", axe)
	if href := js[string](b, `document.querySelector('#packet-`+s.auth.ID+`').getAttribute('href')`); href != "/staff/authorizations/"+s.auth.ID+"/packet" {
		t.Errorf("packet link = %q", href)
	}
	b.open("/staff/authorizations/" + s.auth.ID + "/packet")
	if text := js[string](b, `document.querySelector('main').textContent`); !strings.Contains(text, "UR-9") {
		t.Errorf("the packet did not open: %q", clip(text, 300))
	}
}
