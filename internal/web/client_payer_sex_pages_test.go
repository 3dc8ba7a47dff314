package web_test

import (
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// TestClientPayerSexPages: the client form asks for the sex the insurer has on file, saying it
// is separate from gender identity; a value claims do not accept is named next to the field
// with the rest of the form kept; F is stored as typed and shown again on the edit form; the
// pronouns are left as they were.
func TestClientPayerSexPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	ana := apptest.AddStaff(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	apptest.AddStaff(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	desk := apptest.SignIn(t, ts.URL, "desk@example.org")
	code, _, body := desk("GET", "/staff/clients/new", nil)
	if code != 200 || !strings.Contains(body, `name="payer_sex"`) || !strings.Contains(body, "separate from gender identity") {
		t.Fatalf("new-client form: %d; want the payer_sex select and its hint", code)
	}
	form := fullClientForm(ana.ID)
	form.Set("payer_sex", "X")
	code, _, body = desk("POST", "/staff/clients/new", form)
	if code != 400 || !strings.Contains(body, "Use F, M or U (unknown)") || !strings.Contains(body, `value="Avery"`) || !strings.Contains(body, `value="X" selected`) {
		t.Fatalf("bad payer_sex: %d; want it named and the form kept", code)
	}
	form.Set("payer_sex", "F")
	if code, _, _ := desk("POST", "/staff/clients/new", form); code != 303 {
		t.Fatalf("create: %d, want 303", code)
	}
	list, _, err := store.NewClientService(ts.Store).FindClients(apptest.System(), carepath.ClientFilter{})
	if err != nil || len(list) != 1 || list[0].PayerSex != "F" || list[0].Pronouns != "they/them" {
		t.Fatalf("stored = %+v, %v; want payer_sex F and the pronouns as typed", list, err)
	}
	if _, _, body := desk("GET", "/staff/clients/"+list[0].ID+"/edit", nil); !strings.Contains(body, `<option value="F" selected>`) {
		t.Errorf("the edit form does not show F chosen")
	}
}
