package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestCertificationAlertsReachTheOutboxOnce: each certification alert of a Medicare IOP episode
// (missing, due soon, overdue) is queued once for the client's primary clinician and case
// manager, by email and webhook, with a message that says the kind and due date and names no
// client; a second sweep queues nothing; a recertification due later is a new alert; a
// recertification recorded before the due date passes stops the overdue alert; only the
// system may sweep.
func TestCertificationAlertsReachTheOutboxOnce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		env.Store.SetAlerting(store.Alerting{Webhook: true})
		f := newAuthFixture(t, env) // today is 2026-11-04; Alice admitted to the IOP 2026-10-26
		cara := &carepath.Staff{Email: "cara@example.org", Name: "Cara", Role: carepath.RoleCaseManager}
		if err := store.NewStaffService(env.Store).CreateStaff(asAdmin, cara, testPassword); err != nil {
			t.Fatal(err)
		}
		clients := store.NewClientService(env.Store)
		alice, err := clients.FindClientByID(asAdmin, f.alice)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := clients.UpdateClient(asAdmin, f.alice, carepath.ClientUpdate{Version: alice.Version, CaseManagerID: &cara.ID}); err != nil {
			t.Fatal(err)
		}
		medicare, err := store.NewPayerService(env.Store).CreatePayer(asAdmin, carepath.PayerInput{Name: "Medicare Part A", PayerID: "MCRA1", Medicare: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.NewCoverageService(env.Store).AddCoverage(asAdmin, f.alice, carepath.CoverageInput{PayerID: medicare.ID,
			MemberID: "1EG4TE5MK73", PlanYearStart: "2026-01-01"}); err != nil {
			t.Fatal(err)
		}
		svc := store.NewCertificationService(env.Store)
		system := actorAs(carepath.RoleSystem, "system:outbox")
		if _, err := svc.QueueCertificationAlerts(f.asClinician); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("a clinician sweeping = %v, want EFORBIDDEN", err)
		}
		// sweep queues the due alerts and checks how many messages it wrote, then that every
		// message of this sweep goes to the two people on each channel with the message want.
		sweep := func(step string, wantMessages int, want string) {
			t.Helper()
			before := rowCount(t, env, "notifications", "alert_source = 'certification'")
			n, err := svc.QueueCertificationAlerts(system)
			if err != nil || n != wantMessages {
				t.Fatalf("%s: sweep = %d, %v; want %d messages", step, n, err, wantMessages)
			}
			if n == 0 {
				if after := rowCount(t, env, "notifications", "alert_source = 'certification'"); after != before {
					t.Fatalf("%s: %d messages written, want none", step, after-before)
				}
				return
			}
			rows, err := env.Write.Query(`SELECT recipient_id, channel, message, alert_id, COALESCE(client_id, '') FROM notifications
				WHERE alert_source = 'certification' ORDER BY created_at, id`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			got := map[string]int{}
			i := 0
			for rows.Next() {
				var to, ch, msg, alertID, clientID string
				if err := rows.Scan(&to, &ch, &msg, &alertID, &clientID); err != nil {
					t.Fatal(err)
				}
				if i++; i <= before {
					continue
				}
				got[to+":"+ch]++
				if msg != want || alertID != f.episode.ID || clientID != f.alice {
					t.Errorf("%s: message %q about %s (client %s), want %q about the episode", step, msg, alertID, clientID, want)
				}
				for _, private := range []string{alice.GivenName, f.alice, "1EG4TE5MK73", "Medicare Part A"} {
					if strings.Contains(msg, private) {
						t.Errorf("%s: message %q names %q", step, msg, private)
					}
				}
			}
			if len(got) != 4 || got[f.clinician+":email"] != 1 || got[f.clinician+":webhook"] != 1 || got[cara.ID+":email"] != 1 || got[cara.ID+":webhook"] != 1 {
				t.Errorf("%s: messages by recipient %v, want one email and one webhook each to the clinician and the case manager", step, got)
			}
		}

		sweep("no certification", 4, "A physician certification is missing for a Medicare IOP episode: its claims are held until one is recorded.")
		sweep("again", 0, "")
		in := carepath.CertificationInput{Date: "2026-10-26", PhysicianName: "Ada Okafor", PhysicianNPI: "1245319599", HoursPerWeek: 12}
		if _, err := svc.AddCertification(f.asClinician, f.episode.ID, in); err != nil {
			t.Fatal(err)
		}
		sweep("certified, due 2026-12-25", 0, "")
		f.now = time.Date(2026, 12, 20, 12, 0, 0, 0, time.UTC)
		sweep("five days before", 4, "A physician recertification is due by 2026-12-25.")
		sweep("five days before, again", 0, "")
		f.now = time.Date(2026, 12, 27, 12, 0, 0, 0, time.UTC)
		if list, err := svc.FindCertificationAlerts(f.asClinician); err != nil || len(list) != 1 || list[0].Kind != carepath.CertificationOverdue || list[0].DaysOverdue != 2 {
			t.Fatalf("two days after = %+v, %v; want overdue by 2 days", list, err)
		}
		sweep("two days after", 4, "A physician recertification is overdue: it was due on 2026-12-25, and Medicare IOP claims from that day are held.")
		sweep("two days after, again", 0, "")
		if k := rowCount(t, env, "certification_alerts_sent", "episode_id = $1", f.episode.ID); k != 3 {
			t.Errorf("%d sent rows, want 3 (missing, due soon, overdue)", k)
		}

		// Recertified on the 27th: the next one is due 2027-02-25, a new alert when it comes
		// close; recertified again before then, its overdue alert never comes.
		in.Date, in.Recertification = "2026-12-27", true
		if _, err := svc.AddCertification(f.asClinician, f.episode.ID, in); err != nil {
			t.Fatal(err)
		}
		sweep("recertified", 0, "")
		f.now = time.Date(2027, 2, 20, 12, 0, 0, 0, time.UTC)
		sweep("the next one due soon", 4, "A physician recertification is due by 2027-02-25.")
		in.Date = "2027-02-20"
		if _, err := svc.AddCertification(f.asClinician, f.episode.ID, in); err != nil {
			t.Fatal(err)
		}
		f.now = time.Date(2027, 2, 27, 12, 0, 0, 0, time.UTC)
		sweep("recertified before it was due", 0, "")
		if list, err := svc.FindCertificationAlerts(f.asClinician); err != nil || len(list) != 0 {
			t.Errorf("alerts after the recertification = %+v, %v; want none", list, err)
		}
	})
}
