package app_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/notify/mailtest"
)

// hookReceiver is a paging service in the test: it keeps every JSON body posted to it.
type hookReceiver struct {
	mu     sync.Mutex
	bodies []map[string]any
}

func (h *hookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var b map[string]any
	if err := json.NewDecoder(r.Body).Decode(&b); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	h.mu.Lock()
	h.bodies = append(h.bodies, b)
	h.mu.Unlock()
	w.WriteHeader(http.StatusAccepted)
}

func (h *hookReceiver) count(tier, alertID string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, b := range h.bodies {
		if b["tier"] == tier && b["alert_id"] == alertID {
			n++
		}
	}
	return n
}

// safetyWorld is a program with an on-call rota (Omar, backup Bea), a client of Ana's (not on
// the on-call people's caseload) with an email address and consent to contact by email, and a
// real mail server and paging service in the test.
type safetyWorld struct {
	srv                 *apptest.Server
	mail                *mailtest.Server
	hook                *hookReceiver
	admin, ana          string // API tokens
	program, client     string
	omar, bea           *carepath.Staff
	escalate            time.Duration
	clientEmail, alerts string
}

// newSafetyWorld starts the world with the given escalation delay and outbox poll (0: the
// worker's default).
func newSafetyWorld(t testing.TB, escalate, poll time.Duration) *safetyWorld {
	t.Helper()
	w := &safetyWorld{mail: mailtest.Start(t), hook: &hookReceiver{}, escalate: escalate, clientEmail: "dana@example.org"}
	rx := httptest.NewServer(w.hook)
	t.Cleanup(rx.Close)
	w.srv = apptest.StartWith(t, apptest.Options{Worker: true, Config: app.Config{SMTPURL: w.mail.URL, MailFrom: "carepath <alerts@clinic.example>",
		MailTLS: w.mail.ClientTLS, AlertWebhook: rx.URL, EscalateAfter: escalate, OutboxPoll: poll}})
	st, base := w.srv.Store, w.srv.URL
	w.admin, _ = apptest.Token(t, st, "admin@clinic.example", carepath.RoleAdmin)
	var ana *carepath.Staff
	w.ana, ana = apptest.Token(t, st, "ana@clinic.example", carepath.RoleClinician)
	w.omar = apptest.AddStaff(t, st, "omar@clinic.example", carepath.RoleClinician)
	w.bea = apptest.AddStaff(t, st, "bea@clinic.example", carepath.RoleClinician)
	code, body := apptest.API(t, "POST", base+"/api/v1/programs", w.admin, `{"name":"Evening IOP","level":"iop","time_zone":"America/Chicago"}`)
	w.program = apptest.CreatedID(t, code, body)
	if code, body := apptest.API(t, "PUT", base+"/api/v1/programs/"+w.program+"/staff", w.admin, fmt.Sprintf(
		`{"version":1,"staff":[{"staff_id":%q,"role":"clinician"},{"staff_id":%q,"role":"clinician"},{"staff_id":%q,"role":"clinician"}]}`,
		ana.ID, w.omar.ID, w.bea.ID)); code != 200 {
		t.Fatalf("program staff: %d %s", code, body)
	}
	if code, body := apptest.API(t, "PUT", base+"/api/v1/programs/"+w.program+"/on-call", w.admin, fmt.Sprintf(
		`{"primary_id":%q,"backup_id":%q,"version":0}`, w.omar.ID, w.bea.ID)); code != 200 {
		t.Fatalf("on-call: %d %s", code, body)
	}
	code, body = apptest.API(t, "POST", base+"/api/v1/clients", w.admin, fmt.Sprintf(`{"given_name":"Dana","family_name":"Quill",
		"birth_date":"1990-01-02","email":%q,"email_consent":true,"phone":"555-010-2030","primary_clinician_id":%q}`, w.clientEmail, ana.ID))
	w.client = apptest.CreatedID(t, code, body)
	on := time.Now().UTC().AddDate(0, 0, -10).Format(carepath.DateLayout)
	if code, body := apptest.API(t, "POST", base+"/api/v1/clients/"+w.client+"/episodes", w.admin,
		`{"program_id":"`+w.program+`","on":"`+on+`"}`); code != 201 {
		t.Fatalf("admit: %d %s", code, body)
	}
	return w
}

// linkIn finds the first link to path (e.g. "/m/") in a message body.
func linkIn(t *testing.T, body, path string) string {
	t.Helper()
	m := regexp.MustCompile(`https?://[^\s]+` + regexp.QuoteMeta(path) + `[A-Za-z0-9_-]+`).FindString(body)
	if m == "" {
		t.Fatalf("no %s link in %q", path, body)
	}
	return m
}

// checkNothingIdentifying fails when a message names or describes the client.
func checkNothingIdentifying(t *testing.T, m mailtest.Message, words ...string) {
	t.Helper()
	for _, w := range words {
		if strings.Contains(string(m.Raw), w) {
			t.Errorf("the message to %v holds %q:\n%s", m.To, w, m.Raw)
		}
	}
	for _, h := range []string{"Date", "Message-ID", "MIME-Version", "Content-Type", "From", "To", "Subject"} {
		if m.Header.Get(h) == "" {
			t.Errorf("the message to %v has no %s header", m.To, h)
		}
	}
	if _, err := m.Header.Date(); err != nil {
		t.Errorf("Date header: %v", err)
	}
	if !m.TLS || !m.Authed {
		t.Errorf("the message to %v came over TLS %v, signed in %v: want both", m.To, m.TLS, m.Authed)
	}
}

// TestCrisisReachesOnCallByEmailThenBackup is the end-to-end path of a crisis through a real
// mail server: the client receives the answer link by email, answers PHQ-9 item 9 = 3
// through it, the on-call clinician's email arrives (and the paging webhook), and, when
// nobody acknowledges, the backup's after the escalation delay. A second alert acknowledged
// on the alert's page sends the backup nothing. Every message is an RFC 5322 message that
// names no client, and every send is audited.
func TestCrisisReachesOnCallByEmailThenBackup(t *testing.T) {
	t.Parallel()
	w := newSafetyWorld(t, 3*time.Second, 100*time.Millisecond)
	base := w.srv.URL

	// The clinician sends the link; the client receives it by email.
	if code, body := apptest.API(t, "POST", base+"/api/v1/clients/"+w.client+"/measure-links", w.ana,
		`{"instruments":["phq9"],"send_to":"email"}`); code != 201 {
		t.Fatalf("link: %d %s", code, body)
	}
	invite := w.mail.WaitFor(t, w.clientEmail, 30*time.Second)
	checkNothingIdentifying(t, invite, "Dana", "Quill")
	answer := linkIn(t, invite.Body, "/m/")
	if !strings.HasPrefix(answer, base+"/m/") {
		t.Errorf("the link %q does not start with the base URL %s", answer, base)
	}

	// The client answers item 9 = 3 through the emailed link.
	resp, err := http.Get(answer)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("open the link: %v %v", resp, err)
	}
	resp.Body.Close()
	form := url.Values{}
	for i := 1; i <= 9; i++ {
		form.Set(fmt.Sprintf("phq9_%d", i), "2")
	}
	form.Set("phq9_9", "3")
	submitted := time.Now()
	resp, err = http.PostForm(answer, form)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{"If you are in danger now", "988", "911", "alerting the clinician on call"} {
		if resp.StatusCode != 200 || !strings.Contains(string(page), want) {
			t.Errorf("the thank-you page (%d) lacks %q", resp.StatusCode, want)
		}
	}

	// The on-call clinician's message arrives, with the link to the alert and nothing else.
	primary := w.mail.WaitFor(t, w.omar.Email, 60*time.Second)
	latency := primary.At.Sub(submitted)
	t.Logf("alert-to-email latency (answer submitted → on-call email accepted by the mail server): %s", latency.Round(time.Millisecond))
	if primary.Subject != "A safety alert needs you" {
		t.Errorf("subject %q", primary.Subject)
	}
	checkNothingIdentifying(t, primary, "Dana", "Quill", "dana@example.org", "item 9", "PHQ")
	alertLink := linkIn(t, primary.Body, "/staff/alerts/")
	alertID := alertLink[strings.LastIndex(alertLink, "/")+1:]

	// The person on call signs in and opens the alert, though the client is not theirs.
	omar := apptest.SignIn(t, base, w.omar.Email)
	if code, _, body := omar("GET", "/staff/alerts/"+alertID, nil); code != 200 || !strings.Contains(body, "Dana Quill") ||
		!strings.Contains(body, "555-010-2030") || !strings.Contains(body, "Crisis protocol") {
		t.Errorf("the alert page as the person on call: %d", code)
	}

	// Nobody acknowledges: the backup's message arrives after the escalation delay.
	backup := w.mail.WaitFor(t, w.bea.Email, 60*time.Second)
	if gap := backup.At.Sub(primary.At); gap < w.escalate-500*time.Millisecond {
		t.Errorf("the backup was alerted %s after the primary, before the escalation delay %s", gap, w.escalate)
	}
	t.Logf("escalation: backup's email %s after the primary's (delay %s)", backup.At.Sub(primary.At).Round(time.Millisecond), w.escalate)
	checkNothingIdentifying(t, backup, "Dana", "Quill")
	if !strings.Contains(backup.Body, "backup on call") || !strings.Contains(backup.Body, "/staff/alerts/"+alertID) {
		t.Errorf("backup body %q", backup.Body)
	}
	waitUntil(t, 10*time.Second, func() bool { return w.hook.count("primary", alertID) == 1 && w.hook.count("backup", alertID) == 1 })

	// A second alert, acknowledged on its page before the delay: the backup gets nothing more.
	if code, body := apptest.API(t, "POST", base+"/api/v1/clients/"+w.client+"/measures", w.ana,
		`{"instrument":"phq9","answers":[1,1,1,1,1,1,1,1,2]}`); code != 201 {
		t.Fatalf("second measure: %d %s", code, body)
	}
	waitUntil(t, 60*time.Second, func() bool { return len(w.mail.To(w.omar.Email)) == 2 })
	second := linkIn(t, w.mail.To(w.omar.Email)[1].Body, "/staff/alerts/")
	secondID := second[strings.LastIndex(second, "/")+1:]
	if code, loc, _ := omar("POST", "/staff/alerts/"+secondID+"/acknowledge", url.Values{"note": {"Called Dana; safe with her sister tonight; seen tomorrow."}, "back": {"alert"}}); code != 303 || !strings.Contains(loc, "ack=done") {
		t.Fatalf("acknowledge: %d %s", code, loc)
	}
	time.Sleep(w.escalate + 1500*time.Millisecond)
	if n := len(w.mail.To(w.bea.Email)); n != 1 {
		t.Errorf("the backup has %d messages after the second alert was acknowledged, want still 1", n)
	}
	if n := w.hook.count("backup", secondID); n != 0 {
		t.Errorf("the paging service got %d backup calls for the acknowledged alert", n)
	}
	if n := apptest.CountRows(t, w.srv.DB, "notifications", "alert_id = '"+secondID+"' AND tier = 'backup' AND cancel_reason = 'acknowledged'"); n != 2 {
		t.Errorf("%d backup messages of the acknowledged alert cancelled, want 2 (email and webhook)", n)
	}

	// Every send is audited, one row each. The worker marks a message sent just after the mail
	// server or the paging service took it, so give the last marks time on a busy machine.
	sent := 0
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if sent = apptest.CountRows(t, w.srv.DB, "notifications", "sent_at IS NOT NULL"); sent >= 6 || time.Now().After(deadline) {
			break
		}
	}
	if sent != 6 {
		t.Errorf("%d messages sent, want 6 (primary and backup of the first alert, primary of the second; email and webhook each)", sent)
	}
	if n := apptest.CountRows(t, w.srv.DB, "audit_log", "action = 'notification.send' AND detail LIKE '%sent%'"); n != sent {
		t.Errorf("%d send audit rows for %d messages sent", n, sent)
	}
}

// waitUntil polls cond until it holds or timeout passes, and fails the test then.
func waitUntil(t *testing.T, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("still not so after %s", timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
