package app_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/notify/mailtest"
)

// TestAuthorizationAlertReachesTheCareTeamByEmail is the path of an authorization alert through
// a real mail server: a case manager records an authorization that ends tomorrow, so its expiry
// alert is due today; the server's worker queues it and the outbox emails the case manager
// who recorded it and the client's primary clinician, once each, with a link to the
// authorization and nothing that names the client, the payer or the authorization.
func TestAuthorizationAlertReachesTheCareTeamByEmail(t *testing.T) {
	t.Parallel()
	mail := mailtest.Start(t)
	srv := apptest.StartWith(t, apptest.Options{Worker: true, Config: app.Config{SMTPURL: mail.URL,
		MailFrom: "carepath <alerts@clinic.example>", MailTLS: mail.ClientTLS, OutboxPoll: 100 * time.Millisecond,
		AuthorizationAlertsEvery: 200 * time.Millisecond}})
	base := srv.URL
	admin, _ := apptest.Token(t, srv.Store, "admin@clinic.example", carepath.RoleAdmin)
	_, ana := apptest.Token(t, srv.Store, "ana@clinic.example", carepath.RoleClinician)
	cmToken, cm := apptest.Token(t, srv.Store, "cole@clinic.example", carepath.RoleCaseManager)
	code, body := apptest.API(t, "POST", base+"/api/v1/programs", admin, `{"name":"Evening IOP","level":"iop","time_zone":"America/Chicago"}`)
	program := apptest.CreatedID(t, code, body)
	code, body = apptest.API(t, "POST", base+"/api/v1/clients", admin, fmt.Sprintf(`{"given_name":"Dana","family_name":"Quill",
		"birth_date":"1990-01-02","primary_clinician_id":%q,"case_manager_id":%q}`, ana.ID, cm.ID))
	client := apptest.CreatedID(t, code, body)
	today := time.Now().UTC()
	code, body = apptest.API(t, "POST", base+"/api/v1/clients/"+client+"/episodes", admin,
		`{"program_id":"`+program+`","on":"`+today.AddDate(0, 0, -10).Format(carepath.DateLayout)+`"}`)
	episode := apptest.CreatedID(t, code, body)
	if code, body := apptest.API(t, "POST", base+"/api/v1/payers", admin, `{"name":"Zenith Mutual","payer_id":"60054"}`); code != 201 {
		t.Fatalf("payer: %d %s", code, body)
	}
	code, body = apptest.API(t, "POST", base+"/api/v1/episodes/"+episode+"/authorizations", cmToken, fmt.Sprintf(
		`{"payer_id":"60054","number":"ZX-4417","level":"iop","start":%q,"end":%q,"units":30,"unit":"day"}`,
		today.AddDate(0, 0, -10).Format(carepath.DateLayout), today.AddDate(0, 0, 1).Format(carepath.DateLayout)))
	auth := apptest.CreatedID(t, code, body)

	for _, to := range []string{ana.Email, cm.Email} {
		m := mail.WaitFor(t, to, 30*time.Second)
		if m.Subject != "carepath: an authorization needs attention" {
			t.Errorf("the message to %s: subject %q", to, m.Subject)
		}
		checkNothingIdentifying(t, m, "Dana", "Quill", "ZX-4417", "Zenith", "safety")
		if link := linkIn(t, m.Body, "/staff/authorizations/"); link != base+"/staff/authorizations/"+auth {
			t.Errorf("the message to %s links %q, want the authorization", to, link)
		}
	}

	// The link opens the authorization on its episode's page, for the clinician signed in.
	anaPages := apptest.SignIn(t, base, ana.Email)
	if code, loc, _ := anaPages("GET", "/staff/authorizations/"+auth, nil); code != 303 ||
		loc != "/staff/clients/"+client+"/episodes/"+episode+"/authorizations#auth-"+auth {
		t.Errorf("the link: %d to %q", code, loc)
	}

	// However often the worker looks, each person gets the alert once.
	time.Sleep(time.Second)
	for _, to := range []string{ana.Email, cm.Email} {
		if n := len(mail.To(to)); n != 1 {
			t.Errorf("%s received %d messages, want 1", to, n)
		}
	}
}
