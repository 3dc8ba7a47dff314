package web_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
	"github.com/chromedp/chromedp"
)

// fullClientForm is a complete new-client form as the front desk fills it in.
func fullClientForm(clinicianID string) url.Values {
	return url.Values{
		"given_name": {"Avery"}, "family_name": {"Stone"}, "preferred_name": {"Ave"}, "birth_date": {"1988-07-14"},
		"pronouns": {"they/them"}, "email": {"avery@example.org"}, "phone": {"555-010-4444"}, "preferred_language": {"English"},
		"emergency_contact.name": {"Jo Stone"}, "emergency_contact.relationship": {"parent"}, "emergency_contact.phone": {"555-010-5555"},
		"coverage.payer": {"Acme Health"}, "coverage.member_id": {"AH-123"}, "coverage.deductible_remaining_cents": {"1,200.50"},
		"coverage.coinsurance_percent": {"20"}, "coverage.copay_cents": {"$25"}, "coverage.out_of_pocket_remaining_cents": {"3000"},
		"primary_clinician_id": {clinicianID}, "case_manager_id": {""},
	}
}

// TestClientEditPages creates a client through the new-client form (a form with problems first:
// 400, every problem named, what was typed kept), edits it, and shows that a stale version
// answers 409 with what is stored now and changes nothing; roles that may not create clients
// get 403, and another clinician's client is 404.
func TestClientEditPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	ana := apptest.AddStaff(t, st, "ana@example.org", carepath.RoleClinician)
	apptest.AddStaff(t, st, "bo@example.org", carepath.RoleClinician)
	apptest.AddStaff(t, st, "desk@example.org", carepath.RoleFrontDesk)
	apptest.AddStaff(t, st, "rev@example.org", carepath.RoleReviewer)
	desk := apptest.SignIn(t, ts.URL, "desk@example.org")
	as := apptest.SignIn(t, ts.URL, "ana@example.org")
	bo := apptest.SignIn(t, ts.URL, "bo@example.org")
	rev := apptest.SignIn(t, ts.URL, "rev@example.org")
	cli := apptest.System()
	clients := store.NewClientService(st)
	count := func() int {
		t.Helper()
		_, n, err := clients.FindClients(cli, carepath.ClientFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	code, _, body := desk("GET", "/staff/clients/new", nil)
	if code != 200 || !strings.Contains(body, `<label for="client-given-name">Given name (required)</label>`) ||
		!strings.Contains(body, `<option value="`+ana.ID+`">Dr clinician</option>`) || !strings.Contains(body, `name="coverage.copay_cents"`) {
		t.Fatalf("new-client form: %d %s", code, clip(body, 400))
	}

	t.Run("missing and malformed fields answer 400 naming them, values kept", func(t *testing.T) {
		form := fullClientForm(ana.ID)
		form.Set("given_name", "")
		form.Set("family_name", " ")
		form.Set("birth_date", "")
		form.Set("email", "not-an-email")
		form.Set("coverage.copay_cents", "twenty")
		code, _, body := desk("POST", "/staff/clients/new", form)
		if code != 400 || !strings.Contains(body, `id="error-summary"`) {
			t.Fatalf("got %d, want 400 with an error summary: %s", code, clip(body, 300))
		}
		for _, want := range []string{`href="#client-given-name"`, `href="#client-family-name"`, `href="#client-birth-date"`,
			`href="#client-email"`, `href="#client-coverage-copay-cents"`, `id="client-birth-date-error"`,
			`value="not-an-email"`, `value="twenty"`, `value="they/them"`, `value="Jo Stone"`, `value="1,200.50"`,
			`<option value="` + ana.ID + `" selected>`} {
			if !strings.Contains(body, want) {
				t.Errorf("the 400 page lacks %s", want)
			}
		}
		// Only the store's checks fail: still 400 naming the field.
		form = fullClientForm(ana.ID)
		form.Set("birth_date", "2999-01-01")
		code, _, body = desk("POST", "/staff/clients/new", form)
		if code != 400 || !strings.Contains(body, `href="#client-birth-date"`) || !strings.Contains(body, `value="2999-01-01"`) {
			t.Errorf("future birth date: %d", code)
		}
		if n := count(); n != 0 {
			t.Errorf("%d clients stored after failed forms", n)
		}
	})

	t.Run("roles that may not create clients get 403", func(t *testing.T) {
		if code, _, _ := as("GET", "/staff/clients/new", nil); code != 403 {
			t.Errorf("clinician form: %d", code)
		}
		if code, _, _ := as("POST", "/staff/clients/new", fullClientForm(ana.ID)); code != 403 {
			t.Errorf("clinician create: %d", code)
		}
		if code, _, _ := rev("POST", "/staff/clients/new", fullClientForm(ana.ID)); code != 403 {
			t.Errorf("reviewer create: %d", code)
		}
		if n := count(); n != 0 {
			t.Errorf("%d clients stored by roles that may not", n)
		}
	})

	code, loc, _ := desk("POST", "/staff/clients/new", fullClientForm(ana.ID))
	if code != 303 || !strings.HasPrefix(loc, "/staff/clients/") {
		t.Fatalf("create: %d %q", code, loc)
	}
	id := strings.TrimPrefix(loc, "/staff/clients/")
	c, err := clients.FindClientByID(cli, id)
	if err != nil {
		t.Fatal(err)
	}
	if c.GivenName != "Avery" || c.PreferredName != "Ave" || c.PrimaryClinicianID != ana.ID || c.EmergencyContact.Relationship != "parent" ||
		c.Coverage.Payer != "Acme Health" || c.Coverage.DeductibleRemainingCents == nil || *c.Coverage.DeductibleRemainingCents != 120050 ||
		c.Coverage.CopayCents == nil || *c.Coverage.CopayCents != 2500 || c.Coverage.CoinsurancePercent == nil || *c.Coverage.CoinsurancePercent != 20 ||
		c.Coverage.OutOfPocketRemainingCents == nil || *c.Coverage.OutOfPocketRemainingCents != 300000 {
		t.Errorf("stored client: %+v %+v", c, c.Coverage)
	}
	edit := "/staff/clients/" + id + "/edit"

	t.Run("edit form carries the version and the stored values", func(t *testing.T) {
		code, _, body := as("GET", edit, nil)
		if code != 200 || !strings.Contains(body, `name="version" value="1"`) || !strings.Contains(body, `value="1,200.50"`) ||
			!strings.Contains(body, `value="Avery"`) || !strings.Contains(body, `<option value="`+ana.ID+`" selected>`) {
			t.Errorf("edit form: %d %s", code, clip(body, 300))
		}
		_, _, chart := as("GET", "/staff/clients/"+id, nil)
		if !strings.Contains(chart, `href="`+edit+`"`) {
			t.Errorf("the chart does not link to the edit form")
		}
	})

	t.Run("stale version answers 409 and changes nothing", func(t *testing.T) {
		deskForm := fullClientForm(ana.ID)
		deskForm.Set("version", "1")
		deskForm.Set("phone", "555-010-9999")
		if code, loc, _ := desk("POST", edit, deskForm); code != 303 || loc != "/staff/clients/"+id {
			t.Fatalf("front desk edit: %d %q", code, loc)
		}
		mine := fullClientForm(ana.ID)
		mine.Set("version", "1")
		mine.Set("given_name", "Averyl")
		code, _, body := as("POST", edit, mine)
		if code != 409 || !strings.Contains(body, "Someone else changed this client since you opened the form") {
			t.Fatalf("stale edit: %d %s", code, clip(body, 300))
		}
		for _, want := range []string{`value="Averyl"`, `name="version" value="2"`, "555-010-9999", "<td>Averyl</td>"} {
			if !strings.Contains(body, want) {
				t.Errorf("the 409 page lacks %s", want)
			}
		}
		now, err := clients.FindClientByID(cli, id)
		if err != nil || now.Version != 2 || now.GivenName != "Avery" || now.Phone != "555-010-9999" {
			t.Errorf("after the stale edit: %v %+v", err, now)
		}
		// Saving again from the 409 page applies what was typed, on purpose.
		mine.Set("version", "2")
		if code, _, _ := as("POST", edit, mine); code != 303 {
			t.Errorf("save again: %d", code)
		}
		now, err = clients.FindClientByID(cli, id)
		if err != nil || now.Version != 3 || now.GivenName != "Averyl" {
			t.Errorf("after saving again: %v %+v", err, now)
		}
	})

	t.Run("invalid edit answers 400 naming the fields", func(t *testing.T) {
		form := fullClientForm(ana.ID)
		form.Set("version", "3")
		form.Set("emergency_contact.phone", "")
		form.Set("coverage.coinsurance_percent", "150")
		code, _, body := as("POST", edit, form)
		if code != 400 || !strings.Contains(body, `href="#client-emergency-contact-phone"`) ||
			!strings.Contains(body, `href="#client-coverage-coinsurance-percent"`) || !strings.Contains(body, `value="150"`) {
			t.Errorf("invalid edit: %d %s", code, clip(body, 300))
		}
		if now, _ := clients.FindClientByID(cli, id); now == nil || now.Version != 3 {
			t.Errorf("an invalid edit changed the client: %+v", now)
		}
	})

	t.Run("access", func(t *testing.T) {
		if code, _, body := bo("GET", edit, nil); code != 404 || strings.Contains(body, "Avery") {
			t.Errorf("another clinician's client: %d", code)
		}
		form := fullClientForm(ana.ID)
		form.Set("version", "3")
		if code, _, _ := bo("POST", edit, form); code != 404 {
			t.Errorf("another clinician edits: %d", code)
		}
		// A reviewer reads only the clients of the authorizations assigned to them: this one is
		// hidden from them.
		if code, _, _ := rev("GET", edit, nil); code != 404 {
			t.Errorf("reviewer: %d", code)
		}
		if now, _ := clients.FindClientByID(cli, id); now == nil || now.Version != 3 {
			t.Errorf("a denied edit changed the client: %+v", now)
		}
	})
}

// TestBrowserClientEditPages signs in as the front desk, adds a client through the new-client
// form by its visible labels (first without a birth date: 400 with the error summary and the
// values kept), opens the edit form from the chart, and converts a crisis intake request from
// the intake queue; axe-core runs on each page.
func TestBrowserClientEditPages(t *testing.T) {
	t.Parallel()
	axe := loadAxe(t)
	b := newBrowser(t)
	st := b.srv.Store
	ana := apptest.AddStaff(t, st, "ana@example.org", carepath.RoleClinician)
	apptest.AddStaff(t, st, "desk@example.org", carepath.RoleFrontDesk)
	in := addTestIntake(t, st, &carepath.Intake{Name: "Quiet Harbor", Phone: "555-010-1111",
		Profile: json.RawMessage(`{"answers": {"phq9": [3,3,3,3,3,3,3,3,2]}}`), Level: carepath.LevelPHP, Crisis: true})

	b.signInBrowser("desk@example.org")
	b.open("/staff/clients")
	b.navigate("open the new-client form", 200, chromedp.Click(chromedp.CSS(`a[href="/staff/clients/new"]`)))
	b.axeCheck("new-client form", axe)

	// byLabel finds a control by the text of its visible label, as a person does.
	byLabel := func(label string) string {
		t.Helper()
		id := js[string](b, `(() => { const l = [...document.querySelectorAll('label')].find(l => l.textContent.trim() === `+jsString(label)+`);
			if (!l) return ''; const el = document.getElementById(l.htmlFor);
			return el && el.offsetParent !== null ? l.htmlFor : ''; })()`)
		if id == "" {
			t.Fatalf("no visible control labelled %q", label)
		}
		return id
	}
	for _, f := range [][2]string{{"Given name (required)", "Avery"}, {"Family name (required)", "Stone"}, {"Pronouns", "they/them"},
		{"Phone", "555-010-4444"}, {"Emergency contact's name", "Jo Stone"}, {"Emergency contact's phone", "555-010-5555"},
		{"Insurer (payer)", "Acme Health"}, {"Copay per visit ($)", "25"}} {
		b.typeInto(byLabel(f[0]), f[1])
	}
	b.do("choose the primary clinician", chromedp.SetValue(chromedp.ID(byLabel("Primary clinician")), ana.ID))
	submit := chromedp.Click(chromedp.CSS(`form[action="/staff/clients/new"] button[type=submit]`))
	b.navigate("add a client without a birth date", 400, submit)
	if got := js[string](b, `document.getElementById('error-summary').textContent`); !strings.Contains(got, "birth date") {
		t.Errorf("error summary: %q", got)
	}
	if got := js[string](b, `document.getElementById('client-given-name').value + ' ' + document.getElementById('client-primary-clinician-id').value`); got != "Avery "+ana.ID {
		t.Errorf("values after the error: %q", got)
	}
	b.axeCheck("new-client form with an error", axe)
	b.typeInto(byLabel("Birth date (required)"), "1988-07-14")
	b.navigate("add the client", 200, chromedp.Click(chromedp.CSS(`form[action="/staff/clients/new"] button[type=submit]`)))
	if p := b.path(); !strings.HasPrefix(p, "/staff/clients/") || strings.HasSuffix(p, "/new") {
		t.Fatalf("after adding: %s", p)
	}
	if got := js[string](b, `document.querySelector('main').textContent`); !strings.Contains(got, "Avery Stone") || !strings.Contains(got, "Acme Health") {
		t.Errorf("chart of the new client: %q", clip(got, 300))
	}
	b.navigate("open the edit form", 200, chromedp.Click(chromedp.CSS(`a[href$="/edit"]`)))
	b.axeCheck("edit-client form", axe)

	b.open("/staff/intakes")
	if got := js[string](b, `document.querySelector('table.intake-queue').textContent`); !strings.Contains(got, "CRISIS") {
		t.Errorf("queue: %q", clip(got, 300))
	}
	b.axeCheck("intake queue", axe)
	b.navigate("open the conversion form", 200, chromedp.Click(chromedp.CSS(`a[href="/staff/intakes/`+in.ID+`/convert"]`)))
	b.axeCheck("conversion form", axe)
	b.typeInto(byLabel("Birth date (required)"), "1995-02-03")
	b.navigate("convert the request", 200, chromedp.Click(chromedp.CSS(`form[action$="/convert"] button[type=submit]`)))
	if got := js[string](b, `document.querySelector('main h1').textContent`); !strings.Contains(got, "Quiet Harbor") {
		t.Errorf("chart of the converted client: %q", got)
	}
}

// TestFrontDeskCannotAssignCareTeamOnThePage: the front desk's edit form keeps the phone
// number it may change, and a new primary clinician chosen there is refused at its field,
// with what was typed kept.
func TestFrontDeskCannotAssignCareTeamOnThePage(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	ana := apptest.AddStaff(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	ben := apptest.AddStaff(t, ts.Store, "ben@example.org", carepath.RoleClinician)
	apptest.AddStaff(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	c := &carepath.Client{GivenName: "Robin", FamilyName: "Lake", BirthDate: "1990-04-02", PrimaryClinicianID: ana.ID}
	if err := ts.Services.Clients.CreateClient(apptest.System(), c); err != nil {
		t.Fatal(err)
	}
	desk := apptest.SignIn(t, ts.URL, "desk@example.org")
	form := url.Values{"version": {"1"}, "given_name": {"Robin"}, "family_name": {"Lake"}, "birth_date": {"1990-04-02"},
		"phone": {"555-010-7777"}, "primary_clinician_id": {ben.ID}}
	code, _, page := desk("POST", "/staff/clients/"+c.ID+"/edit", form)
	if code != 403 || !strings.Contains(page, "Only an admin or the client&#39;s primary clinician may change the care team.") ||
		!strings.Contains(page, "555-010-7777") {
		t.Errorf("front desk choosing a clinician: %d\n%s", code, clip(page, 3000))
	}
	form.Set("primary_clinician_id", ana.ID)
	if code, _, page := desk("POST", "/staff/clients/"+c.ID+"/edit", form); code != 303 {
		t.Errorf("front desk changing the phone: %d\n%s", code, clip(page, 3000))
	}
}
