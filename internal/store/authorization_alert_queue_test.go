package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestAuthorizationAlertsReachTheOutboxOnce: the sweep queues an authorization alert due today
// for the person who recorded the authorization and the client's care team, each once, by
// email and webhook; sweeping again queues nothing; an alert of another kind later queues new
// messages, skipping a disabled account; only the system may sweep, and the worker's claim
// does not cancel the messages as acknowledged.
func TestAuthorizationAlertsReachTheOutboxOnce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		env.Store.SetAlerting(store.Alerting{Webhook: true})
		f := newAuthFixture(t, env) // today is Wed 2026-11-04
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
		// Recorded by Alice's primary clinician; it ends Friday, so its expiry alert is due.
		a, err := f.auths.AddAuthorization(f.asClinician, f.episode.ID, carepath.AuthorizationInput{PayerID: f.payer.ID,
			Number: "AUTH-9", Level: carepath.LevelIOP, Start: "2026-10-26", End: "2026-11-06", Units: 10, Unit: "day"})
		if err != nil {
			t.Fatal(err)
		}
		system := actorAs(carepath.RoleSystem, "system:outbox")
		if _, err := f.auths.QueueAuthorizationAlerts(f.asClinician); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("a clinician sweeping = %v, want EFORBIDDEN", err)
		}
		recipients := func() []string {
			t.Helper()
			rows, err := env.Write.Query(`SELECT recipient_id || ':' || channel FROM notifications WHERE alert_source = 'authorization'
				AND alert_id = $1 AND tier = 'primary' ORDER BY created_at, recipient_id, channel`, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var out []string
			for rows.Next() {
				var s string
				if err := rows.Scan(&s); err != nil {
					t.Fatal(err)
				}
				out = append(out, s)
			}
			return out
		}
		n, err := f.auths.QueueAuthorizationAlerts(system)
		if err != nil || n != 4 {
			t.Fatalf("first sweep = %d, %v; want 4 messages (two people, email and webhook)", n, err)
		}
		want := []string{cara.ID + ":email", cara.ID + ":webhook", f.clinician + ":email", f.clinician + ":webhook"}
		slices.Sort(want)
		got := recipients()
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("recipients %v, want %v", got, want)
		}
		if n, err := f.auths.QueueAuthorizationAlerts(system); err != nil || n != 0 {
			t.Fatalf("second sweep = %d, %v; want nothing new", n, err)
		}
		if k := rowCount(t, env, "authorization_alerts_sent", "authorization_id = $1 AND kind = 'expiry' AND on_date = '2026-11-06'", a.ID); k != 1 {
			t.Errorf("%d sent rows for the expiry alert, want 1", k)
		}

		// Cara's account is disabled; a review alert comes due: only the clinician is told.
		yes := true
		if _, err := store.NewStaffService(env.Store).UpdateStaff(asAdmin, cara.ID, carepath.StaffUpdate{Disabled: &yes}); err != nil {
			t.Fatal(err)
		}
		review := "2026-11-05"
		if _, err := f.auths.UpdateAuthorization(f.asClinician, a.ID, carepath.AuthorizationUpdate{NextReview: &review}); err != nil {
			t.Fatal(err)
		}
		if n, err := f.auths.QueueAuthorizationAlerts(system); err != nil || n != 2 {
			t.Fatalf("sweep after the review alert = %d, %v; want 2 (the clinician, email and webhook)", n, err)
		}
		count := map[string]int{}
		for _, r := range recipients() {
			count[r]++
		}
		if count[f.clinician+":email"] != 2 || count[f.clinician+":webhook"] != 2 || count[cara.ID+":email"] != 1 || count[cara.ID+":webhook"] != 1 {
			t.Errorf("messages by recipient after the review alert %v, want the review alert to the clinician only", count)
		}

		// The worker claims them (none cancelled as acknowledged) but not Cara's, now disabled.
		claimed, err := store.NewNotificationService(env.Store).ClaimNotifications(system, time.Minute, 50)
		if err != nil {
			t.Fatal(err)
		}
		if len(claimed) != 4 {
			t.Errorf("claimed %d messages, want the clinician's 4", len(claimed))
		}
		if k := rowCount(t, env, "notifications", "alert_id = $1 AND cancel_reason = 'acknowledged'", a.ID); k != 0 {
			t.Errorf("%d authorization messages cancelled as acknowledged, want 0", k)
		}
	})
}
