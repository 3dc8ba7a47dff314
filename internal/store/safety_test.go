package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// safetyFixture is a program with three clinicians (Omar and Bea work in it, Zed does not), a
// front-desk account, and a client of Ana's admitted to it.
type safetyFixture struct {
	env                      *storetest.Env
	program                  *carepath.Program
	omar, bea, zed, desk     *carepath.Staff
	client                   *carepath.Client
	oncall                   *store.OnCallService
	measures                 *store.MeasureService
	outbox                   *store.NotificationService
	alerts                   *store.SafetyAlertService
	now                      time.Time
	asOmar, asBea, asZed     context.Context
	asSystem, asAna, asOther context.Context
}

func newSafetyFixture(t *testing.T, env *storetest.Env) *safetyFixture {
	t.Helper()
	f := &safetyFixture{env: env, now: time.Date(2026, 3, 20, 15, 0, 0, 0, time.UTC),
		oncall: store.NewOnCallService(env.Store), measures: store.NewMeasureService(env.Store),
		outbox: store.NewNotificationService(env.Store), alerts: store.NewSafetyAlertService(env.Store)}
	env.Store.SetNow(func() time.Time { return f.now })
	staff := store.NewStaffService(env.Store)
	add := func(email string, role carepath.Role) *carepath.Staff {
		st := &carepath.Staff{Email: email, Name: email[:3], Role: role}
		if err := staff.CreateStaff(asAdmin, st, testPassword); err != nil {
			t.Fatalf("CreateStaff: %v", err)
		}
		return st
	}
	f.omar, f.bea, f.zed, f.desk = add("omar@example.org", carepath.RoleClinician), add("bea@example.org", carepath.RoleClinician),
		add("zed@example.org", carepath.RoleClinician), add("dee@example.org", carepath.RoleFrontDesk)
	programs := store.NewProgramService(env.Store)
	p, err := programs.CreateProgram(asAdmin, carepath.ProgramCreate{Name: "IOP", Level: carepath.LevelIOP, TimeZone: "America/Chicago"})
	if err != nil {
		t.Fatal(err)
	}
	f.program = p
	members := []carepath.ProgramMember{{StaffID: f.omar.ID, Role: "clinician"}, {StaffID: f.bea.ID, Role: "clinician"}, {StaffID: f.desk.ID, Role: "facilitator"}}
	if _, err := programs.UpdateProgramDetails(asAdmin, p.ID, carepath.ProgramDetailsUpdate{Version: 1, Staff: &members}); err != nil {
		t.Fatal(err)
	}
	f.client = mustCreate(t, store.NewClientService(env.Store), newTestClient("Ada", "Quill", clinicianA))
	if _, err := store.NewEpisodeService(env.Store).AdmitClient(asAdmin, carepath.EpisodeAdmit{ClientID: f.client.ID, ProgramID: p.ID,
		On: f.now.AddDate(0, 0, -20).Format(carepath.DateLayout)}); err != nil {
		t.Fatal(err)
	}
	f.asOmar, f.asBea, f.asZed = actorAs(carepath.RoleClinician, f.omar.ID), actorAs(carepath.RoleClinician, f.bea.ID), actorAs(carepath.RoleClinician, f.zed.ID)
	f.asSystem, f.asAna, f.asOther = actorAs(carepath.RoleSystem, "system:test"), actorAs(carepath.RoleClinician, clinicianA), actorAs(carepath.RoleClinician, "staff-nobody")
	return f
}

// setOnCall puts Omar on call with Bea as backup.
func (f *safetyFixture) setOnCall(t *testing.T) *carepath.OnCall {
	t.Helper()
	oc, err := f.oncall.SetOnCall(asAdmin, f.program.ID, carepath.OnCallUpdate{PrimaryID: f.omar.ID, BackupID: f.bea.ID})
	if err != nil {
		t.Fatal(err)
	}
	return oc
}

// item9 enters a PHQ-9 with item 9 scoring p, as Ana, and returns the safety alert's id.
func (f *safetyFixture) item9(t *testing.T, p int) string {
	t.Helper()
	_, raised, err := f.measures.CreateMeasure(f.asAna, f.client.ID, carepath.MeasureInput{Instrument: "phq9",
		Answers: []int{1, 1, 1, 1, 1, 1, 1, 1, p}, TakenAt: f.now})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range raised {
		if a.Kind == "safety_item9" {
			return a.ID
		}
	}
	t.Fatalf("no safety alert raised: %+v", raised)
	return ""
}

// TestOnCallRota sets, reads and refuses rotas on both engines: staff who may not see the
// program's clients, disabled accounts, a backup who is the primary, overlapping shifts and a
// stale version are refused naming the field; a shift covering a moment replaces the pair.
func TestOnCallRota(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newSafetyFixture(t, env)
		if _, err := f.oncall.FindOnCall(asAdmin, f.program.ID); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("no rota yet: %v", err)
		}
		for _, c := range []struct {
			name  string
			u     carepath.OnCallUpdate
			field string
		}{
			{"not in the program", carepath.OnCallUpdate{PrimaryID: f.zed.ID}, "primary_id"},
			{"front desk", carepath.OnCallUpdate{PrimaryID: f.omar.ID, BackupID: f.desk.ID}, "backup_id"},
			{"same person", carepath.OnCallUpdate{PrimaryID: f.omar.ID, BackupID: f.omar.ID}, "backup_id"},
			{"unknown", carepath.OnCallUpdate{PrimaryID: "nobody"}, "primary_id"},
			{"overlap", carepath.OnCallUpdate{PrimaryID: f.omar.ID, Shifts: []carepath.OnCallShift{
				{From: f.now, To: f.now.Add(10 * time.Hour), PrimaryID: f.bea.ID},
				{From: f.now.Add(5 * time.Hour), To: f.now.Add(20 * time.Hour), PrimaryID: f.omar.ID}}}, "shifts[1].from"},
		} {
			_, err := f.oncall.SetOnCall(asAdmin, f.program.ID, c.u)
			if carepath.ErrorCode(err) != carepath.EINVALID || !slices.Contains(fieldPaths(err), c.field) {
				t.Errorf("%s: %v, want EINVALID naming %s", c.name, err, c.field)
			}
		}
		if _, err := f.oncall.SetOnCall(f.asOmar, f.program.ID, carepath.OnCallUpdate{PrimaryID: f.omar.ID}); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("a clinician sets the rota: %v", err)
		}
		shift := carepath.OnCallShift{From: f.now.Add(time.Hour), To: f.now.Add(13 * time.Hour), PrimaryID: f.bea.ID, BackupID: f.omar.ID}
		oc, err := f.oncall.SetOnCall(asAdmin, f.program.ID, carepath.OnCallUpdate{PrimaryID: f.omar.ID, BackupID: f.bea.ID, Shifts: []carepath.OnCallShift{shift}})
		if err != nil || oc.Version != 1 || len(oc.Shifts) != 1 || !oc.Shifts[0].From.Equal(shift.From) {
			t.Fatalf("set: %+v %v", oc, err)
		}
		if p, b := oc.At(f.now); p != f.omar.ID || b != f.bea.ID {
			t.Errorf("now: %s %s", p, b)
		}
		if p, b := oc.At(f.now.Add(2 * time.Hour)); p != f.bea.ID || b != f.omar.ID {
			t.Errorf("in the shift: %s %s", p, b)
		}
		if _, err := f.oncall.SetOnCall(asAdmin, f.program.ID, carepath.OnCallUpdate{PrimaryID: f.bea.ID, Version: 0}); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("stale version: %v", err)
		}
		got, err := f.oncall.FindOnCall(f.asZed, f.program.ID)
		if err != nil || got.PrimaryID != f.omar.ID || got.Version != 1 {
			t.Errorf("find: %+v %v", got, err)
		}
		// A disabled account cannot be put on call.
		if _, err := store.NewStaffService(env.Store).UpdateStaff(asAdmin, f.bea.ID, carepath.StaffUpdate{Disabled: ptr(true)}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.oncall.SetOnCall(asAdmin, f.program.ID, carepath.OnCallUpdate{PrimaryID: f.bea.ID, Version: 1}); !slices.Contains(fieldPaths(err), "primary_id") {
			t.Errorf("disabled: %v", err)
		}
	})
}

// TestOfficeHours sets office hours and finds the next contact from them, across the
// program's time zone: open now, later today, and after a weekend.
func TestOfficeHours(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newSafetyFixture(t, env)
		if _, err := f.oncall.SetOfficeHours(asAdmin, f.program.ID, []carepath.OfficeSpan{{Day: "fri", Opens: "09:00", Closes: "08:00"}}); !slices.Contains(fieldPaths(err), "days[0].closes") {
			t.Errorf("closes before it opens: %v", err)
		}
		days := []carepath.OfficeSpan{{Day: "fri", Opens: "09:00", Closes: "17:00"}, {Day: "mon", Opens: "08:30", Closes: "17:00"}}
		h, err := f.oncall.SetOfficeHours(asAdmin, f.program.ID, days)
		if err != nil || len(h.Days) != 2 || h.Days[0].Day != "mon" || h.TimeZone != "America/Chicago" {
			t.Fatalf("set: %+v %v", h, err)
		}
		chicago, _ := time.LoadLocation("America/Chicago")
		for _, c := range []struct {
			now  time.Time
			want time.Time
			open bool
		}{
			{time.Date(2026, 3, 20, 10, 0, 0, 0, chicago), time.Date(2026, 3, 20, 17, 0, 0, 0, chicago), true},  // Friday morning
			{time.Date(2026, 3, 20, 7, 0, 0, 0, chicago), time.Date(2026, 3, 20, 9, 0, 0, 0, chicago), false},   // Friday early
			{time.Date(2026, 3, 20, 18, 0, 0, 0, chicago), time.Date(2026, 3, 23, 8, 30, 0, 0, chicago), false}, // Friday evening → Monday
			{time.Date(2026, 3, 22, 23, 0, 0, 0, chicago), time.Date(2026, 3, 23, 8, 30, 0, 0, chicago), false}, // Sunday night
		} {
			at, open, ok := h.NextContact(c.now.UTC())
			if !ok || open != c.open || !at.Equal(c.want) {
				t.Errorf("at %s: %s open %v ok %v, want %s open %v", c.now, at, open, ok, c.want, c.open)
			}
		}
	})
}

// TestSafetyAlertPagesOnCall raises a PHQ-9 item 9 alert and checks the outbox it writes in
// the same transaction: an email to the primary due now and to the backup after the
// escalation delay; the person paged (not on the care team) sees and acknowledges the alert,
// others do not; acknowledging cancels the backup's message; claiming skips what is
// acknowledged and leases the rest; a failed attempt is due again later.
func TestSafetyAlertPagesOnCall(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newSafetyFixture(t, env)
		env.Store.SetAlerting(store.Alerting{EscalateAfter: 10 * time.Minute})
		// Without a rota the alert waits on the dashboard and nothing is queued.
		f.item9(t, 1)
		if n := rowCount(t, env, "notifications", "1 = 1"); n != 0 {
			t.Fatalf("%d messages queued without a rota", n)
		}
		f.setOnCall(t)
		alert := f.item9(t, 3)
		if n := rowCount(t, env, "notifications", "alert_id = $1 AND tier = 'primary' AND recipient_id = $2 AND due_at = $3", alert, f.omar.ID, f.now); n != 1 {
			t.Errorf("%d primary messages due now", n)
		}
		if n := rowCount(t, env, "notifications", "alert_id = $1 AND tier = 'backup' AND recipient_id = $2 AND due_at = $3", alert, f.bea.ID, f.now.Add(10*time.Minute)); n != 1 {
			t.Errorf("%d backup messages due after the delay", n)
		}
		// Who sees it: Omar (paged) and Ana (care team); not Zed.
		a, err := f.alerts.FindSafetyAlert(f.asOmar, alert)
		if err != nil || a.Contact.Name != "Ada Quill" || a.Contact.Phone == "" || len(a.Notifications) != 2 {
			t.Fatalf("paged: %+v %v", a, err)
		}
		if _, err := f.alerts.FindSafetyAlert(f.asZed, alert); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("not paged, not care team: %v", err)
		}
		if _, err := f.alerts.FindSafetyAlert(f.asAna, alert); err != nil {
			t.Errorf("care team: %v", err)
		}
		// Claim: the primary only (the backup is not due yet).
		got, err := f.outbox.ClaimNotifications(f.asSystem, time.Minute, 10)
		if err != nil || len(got) != 1 || got[0].RecipientEmail != "omar@example.org" || got[0].Attempts != 1 {
			t.Fatalf("claim: %+v %v", got, err)
		}
		if again, _ := f.outbox.ClaimNotifications(f.asSystem, time.Minute, 10); len(again) != 0 {
			t.Errorf("claimed twice while leased: %+v", again)
		}
		if _, err := f.outbox.ClaimNotifications(f.asOmar, time.Minute, 10); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("a clinician claims: %v", err)
		}
		// A failed attempt is due again at the retry time, then sent.
		if err := f.outbox.MarkNotificationFailed(f.asSystem, got[0].ID, "451 try later", f.now.Add(15*time.Second), false); err != nil {
			t.Fatal(err)
		}
		f.now = f.now.Add(20 * time.Second)
		retry, err := f.outbox.ClaimNotifications(f.asSystem, time.Minute, 10)
		if err != nil || len(retry) != 1 || retry[0].Attempts != 2 {
			t.Fatalf("retry: %+v %v", retry, err)
		}
		if err := f.outbox.MarkNotificationSent(f.asSystem, retry[0].ID); err != nil {
			t.Fatal(err)
		}
		if err := f.outbox.MarkNotificationSent(f.asSystem, retry[0].ID); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("marked sent twice: %v", err)
		}
		// Omar acknowledges: the backup's message is cancelled and never claimed.
		if _, err := f.alerts.AcknowledgeSafetyAlert(f.asOmar, alert, " "); !slices.Contains(fieldPaths(err), "note") {
			t.Errorf("empty note: %v", err)
		}
		acked, err := f.alerts.AcknowledgeSafetyAlert(f.asOmar, alert, "Called her; safe tonight.")
		if err != nil || acked.AcknowledgedBy != f.omar.ID {
			t.Fatalf("acknowledge: %+v %v", acked, err)
		}
		if _, err := f.alerts.AcknowledgeSafetyAlert(f.asAna, alert, "again"); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("twice: %v", err)
		}
		f.now = f.now.Add(time.Hour)
		if late, _ := f.outbox.ClaimNotifications(f.asSystem, time.Minute, 10); len(late) != 0 {
			t.Errorf("claimed after acknowledgement: %+v", late)
		}
		if n := rowCount(t, env, "notifications", "alert_id = $1 AND cancel_reason = 'acknowledged'", alert); n != 1 {
			t.Errorf("%d messages cancelled by the acknowledgement, want 1", n)
		}
		if n := rowCount(t, env, "client_crisis_flags", "client_id = $1", f.client.ID); n != 0 {
			t.Errorf("the crisis flag stayed after the acknowledgement")
		}
		if n := rowCount(t, env, "audit_log", "action = 'notification.send'"); n != 3 {
			t.Errorf("%d send audit rows, want 3 (the failed attempt, the send, the refused second mark)", n)
		}
	})
}

// TestAcknowledgementLeavesAMessageInFlight: an alert acknowledged while the worker is sending
// its primary message (claimed, the lease running) cancels only the messages not yet claimed
// (the backup's); the one in flight is recorded sent when the worker marks it, because it may
// already have reached its recipient.
func TestAcknowledgementLeavesAMessageInFlight(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newSafetyFixture(t, env)
		env.Store.SetAlerting(store.Alerting{EscalateAfter: 10 * time.Minute})
		f.setOnCall(t)
		alert := f.item9(t, 3)
		inFlight, err := f.outbox.ClaimNotifications(f.asSystem, time.Minute, 10)
		if err != nil || len(inFlight) != 1 {
			t.Fatalf("claim: %+v %v", inFlight, err)
		}
		if _, err := f.alerts.AcknowledgeSafetyAlert(f.asOmar, alert, "Called her; safe tonight."); err != nil {
			t.Fatal(err)
		}
		if err := f.outbox.MarkNotificationSent(f.asSystem, inFlight[0].ID); err != nil {
			t.Errorf("the message sent while the alert was acknowledged: %v", err)
		}
		if n := rowCount(t, env, "notifications", "alert_id = $1 AND sent_at IS NOT NULL AND cancelled_at IS NULL", alert); n != 1 {
			t.Errorf("%d messages recorded sent, want the one in flight", n)
		}
		if n := rowCount(t, env, "notifications", "alert_id = $1 AND tier = 'backup' AND cancel_reason = 'acknowledged'", alert); n != 1 {
			t.Errorf("%d backup messages cancelled, want 1", n)
		}
	})
}

// TestCrisisIntakePagesOnCall stores a crisis intake request from the public and checks that
// it pages the on-call of the program that answers intake requests, and that the intake
// queue's staff see and acknowledge it.
func TestCrisisIntakePagesOnCall(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newSafetyFixture(t, env)
		if _, err := f.oncall.SetOnCall(asAdmin, f.program.ID, carepath.OnCallUpdate{PrimaryID: f.bea.ID, IntakeAlerts: true}); err != nil {
			t.Fatal(err)
		}
		in := &carepath.Intake{Name: "Sam", Phone: "555-010-4444", Consent: true,
			Profile: []byte(`{"answers":{"phq9":[2,2,2,2,2,2,2,2,3]}}`), Level: carepath.LevelPHP}
		if err := store.NewIntakeService(env.Store).CreateIntake(actorAs(carepath.RolePublic, ""), in); err != nil {
			t.Fatal(err)
		}
		if !in.Crisis {
			t.Fatal("the store did not flag the crisis from the answers")
		}
		if n := rowCount(t, env, "notifications", "alert_source = 'intake' AND alert_id = $1 AND recipient_id = $2", in.ID, f.bea.ID); n != 2 {
			t.Errorf("%d messages to the on-call (primary and escalation to the same person), want 2", n)
		}
		list, err := f.alerts.FindCrisisIntakeAlerts(actorAs(carepath.RoleFrontDesk, f.desk.ID))
		if err != nil || len(list) != 1 || list[0].Contact.Name != "Sam" {
			t.Fatalf("crisis intakes: %+v %v", list, err)
		}
		if _, err := f.alerts.AcknowledgeSafetyAlert(actorAs(carepath.RoleFrontDesk, f.desk.ID), in.ID, "Called Sam; booked today 3 pm."); err != nil {
			t.Fatal(err)
		}
		if list, _ := f.alerts.FindCrisisIntakeAlerts(asAdmin); len(list) != 0 {
			t.Errorf("acknowledged crisis intake still listed")
		}
	})
}

// TestGroupCapacity fills a process group (default cap 9): the tenth member is refused with
// ECONFLICT naming capacity, a clinician may not override, and an admin may with a reason,
// which is kept and counted on the quality report.
func TestGroupCapacity(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		f := newSafetyFixture(t, env)
		groups := store.NewGroupService(env.Store)
		g, err := groups.CreateGroup(asAdmin, carepath.GroupCreate{ProgramID: f.program.ID, Name: "Process", Type: "process",
			Days: []string{"mon"}, StartTime: "09:00", Minutes: 90, StartDate: "2026-03-02", FacilitatorIDs: []string{f.omar.ID}})
		if err != nil {
			t.Fatal(err)
		}
		clients := store.NewClientService(env.Store)
		var ids []string
		for i := range 10 {
			c := mustCreate(t, clients, newTestClient(fmt.Sprintf("C%d", i), "Member", clinicianA))
			ids = append(ids, c.ID)
		}
		for _, id := range ids[:9] {
			if _, err := groups.AddGroupMember(asAdmin, g.ID, id, "2026-03-02"); err != nil {
				t.Fatalf("member: %v", err)
			}
		}
		_, err = groups.AddGroupMember(asAdmin, g.ID, ids[9], "2026-03-09")
		if carepath.ErrorCode(err) != carepath.ECONFLICT || !slices.Contains(fieldPaths(err), "capacity") {
			t.Fatalf("the tenth member: %v, want ECONFLICT naming capacity", err)
		}
		if _, err := groups.AddGroupMemberOverCapacity(f.asOmar, g.ID, ids[9], "2026-03-09", "Transfer from the day group"); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("a clinician overrides: %v", err)
		}
		if _, err := groups.AddGroupMemberOverCapacity(asAdmin, g.ID, ids[9], "2026-03-09", " "); !slices.Contains(fieldPaths(err), "reason") {
			t.Errorf("an override without a reason: %v", err)
		}
		got, err := groups.AddGroupMemberOverCapacity(asAdmin, g.ID, ids[9], "2026-03-09", "Transfer from the day group for two weeks")
		if err != nil || len(got.Members) != 10 {
			t.Fatalf("override: %v", err)
		}
		if n := rowCount(t, env, "group_capacity_overrides", "group_id = $1 AND capacity = 9 AND members = 10", g.ID); n != 1 {
			t.Errorf("%d overrides kept", n)
		}
		if n := rowCount(t, env, "audit_log", "action = 'group.override'"); n != 3 {
			t.Errorf("%d override audit rows (refused, invalid, allowed), want 3", n)
		}
		q, err := store.NewAttendanceService(env.Store).ProgramQuality(asAdmin, f.program.ID, "2026-W10", "2026-W12")
		if err != nil || q.GroupSize["capacity_overrides"] != 1 {
			t.Errorf("quality: %v %v", q.GroupSize["capacity_overrides"], err)
		}
	})
}
