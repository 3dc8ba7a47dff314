package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// measureSetup makes a client on clinicianA's caseload admitted to an IOP 20 days before now.
func measureSetup(t *testing.T, env *storetest.Env, now time.Time) (*store.MeasureService, *carepath.Client) {
	t.Helper()
	env.Store.SetNow(func() time.Time { return now })
	c := mustCreate(t, store.NewClientService(env.Store), newTestClient("Ada", "Quill", clinicianA))
	p, err := store.NewProgramService(env.Store).CreateProgram(asAdmin, carepath.ProgramCreate{Name: "IOP", Level: carepath.LevelIOP, TimeZone: "UTC"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewEpisodeService(env.Store).AdmitClient(asAdmin, carepath.EpisodeAdmit{ClientID: c.ID, ProgramID: p.ID,
		On: now.AddDate(0, 0, -20).Format(carepath.DateLayout)}); err != nil {
		t.Fatal(err)
	}
	return store.NewMeasureService(env.Store), c
}

func TestMeasures(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		now := time.Date(2026, 3, 20, 15, 0, 0, 0, time.UTC)
		svc, c := measureSetup(t, env, now)
		asA := actorAs(carepath.RoleClinician, clinicianA)

		// Bad input: wrong count, out of range, future, before the first episode. Nothing stored.
		bad := []struct {
			in     carepath.MeasureInput
			fields []string
		}{
			{carepath.MeasureInput{Instrument: "phq9", Answers: []int{1, 1}, TakenAt: now}, []string{"answers"}},
			{carepath.MeasureInput{Instrument: "phq9", Answers: []int{1, 1, 1, 1, 1, 1, 1, 1, 4}, TakenAt: now}, []string{"answers[8]"}},
			{carepath.MeasureInput{Instrument: "phq9", Answers: []int{1, 1, 1, 1, 1, 1, 1, 1, 0}, TakenAt: now.Add(time.Hour)}, []string{"taken_at"}},
			{carepath.MeasureInput{Instrument: "gad7", Answers: []int{1, 1, 1, 1, 1, 1, 1}, TakenAt: now.AddDate(0, 0, -30)}, []string{"taken_at"}},
			{carepath.MeasureInput{Instrument: "bdi", Answers: []int{1}, TakenAt: now}, []string{"instrument"}},
		}
		for _, b := range bad {
			_, _, err := svc.CreateMeasure(asA, c.ID, b.in)
			if carepath.ErrorCode(err) != carepath.EINVALID || !slices.Equal(fieldPaths(err), b.fields) {
				t.Errorf("%+v: %v, fields %v", b.in, err, fieldPaths(err))
			}
		}
		if n := rowCount(t, env, "measures", "1 = 1"); n != 0 {
			t.Fatalf("%d measures stored after bad input", n)
		}

		// Access: front desk and another clinician may not; the other clinician sees not found.
		good := carepath.MeasureInput{Instrument: "phq9", Answers: []int{2, 2, 2, 2, 2, 1, 1, 1, 0}, TakenAt: now.AddDate(0, 0, -19)}
		if _, _, err := svc.CreateMeasure(asFrontDesk, c.ID, good); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("front desk: %v", err)
		}
		if _, _, err := svc.CreateMeasure(actorAs(carepath.RoleClinician, clinicianB), c.ID, good); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("other clinician: %v", err)
		}

		// Baseline 13, then 6 (reliable improvement, recovery), then 21 with item 9 (safety,
		// deterioration, crisis flag).
		m1, al1, err := svc.CreateMeasure(asA, c.ID, good)
		if err != nil || m1.Score != 13 || m1.Severity != "moderate" || len(al1) != 0 || m1.Change == nil || m1.Change.Delta != 0 {
			t.Fatalf("baseline: %+v %v %v", m1, al1, err)
		}
		m2, _, err := svc.CreateMeasure(asA, c.ID, carepath.MeasureInput{Instrument: "phq9", Answers: []int{1, 1, 1, 1, 1, 1, 0, 0, 0}, TakenAt: now.AddDate(0, 0, -12)})
		if err != nil || m2.Change.Delta != -7 || !m2.Change.ReliableImprovement || !m2.Change.Recovery {
			t.Fatalf("second: %+v %+v %v", m2, m2.Change, err)
		}
		m3, al3, err := svc.CreateMeasure(asA, c.ID, carepath.MeasureInput{Instrument: "phq9", Answers: []int{3, 3, 3, 2, 2, 2, 2, 2, 2}, TakenAt: now.AddDate(0, 0, -1)})
		if err != nil || m3.Item9 != 2 || !m3.Change.ReliableDeterioration {
			t.Fatalf("third: %+v %v", m3, err)
		}
		var kinds []string
		for _, a := range al3 {
			kinds = append(kinds, a.Kind)
		}
		if !slices.Contains(kinds, "safety_item9") || !slices.Contains(kinds, "reliable_deterioration") {
			t.Fatalf("alerts of the third: %v", kinds)
		}
		series, err := svc.FindMeasures(asA, c.ID)
		if err != nil || len(series.Measures) != 3 || series.CrisisFlag == nil || series.CrisisFlag.MeasureID != m3.ID || series.Schedule == nil || series.Schedule.EveryDays != 7 {
			t.Fatalf("series: %+v %v", series, err)
		}

		// Alerts: the clinician sees them, safety first with the protocol; clinician B none.
		list, err := svc.FindMeasureAlerts(asA, false)
		if err != nil || len(list) < 2 || list[0].Kind != "safety_item9" || list[0].Protocol == "" {
			t.Fatalf("alerts: %+v %v", list, err)
		}
		if other, err := svc.FindMeasureAlerts(actorAs(carepath.RoleClinician, clinicianB), false); err != nil || len(other) != 0 {
			t.Errorf("clinician B sees %d alerts: %v", len(other), err)
		}
		if _, err := svc.AcknowledgeMeasureAlert(asA, list[0].ID, "  "); carepath.ErrorCode(err) != carepath.EINVALID || !slices.Equal(fieldPaths(err), []string{"note"}) {
			t.Errorf("empty note: %v", err)
		}
		if _, err := svc.AcknowledgeMeasureAlert(actorAs(carepath.RoleClinician, clinicianB), list[0].ID, "seen"); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("clinician B acknowledges: %v", err)
		}
		ack, err := svc.AcknowledgeMeasureAlert(asA, list[0].ID, "Called; safety plan made.")
		if err != nil || ack.AcknowledgedBy != clinicianA || ack.AcknowledgedAt == nil {
			t.Fatalf("acknowledge: %+v %v", ack, err)
		}
		if _, err := svc.AcknowledgeMeasureAlert(asA, list[0].ID, "again"); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("twice: %v", err)
		}
		if s, _ := svc.FindMeasures(asA, c.ID); s.CrisisFlag != nil {
			t.Error("crisis flag stays after the safety alert is acknowledged")
		}
		after, _ := svc.FindMeasureAlerts(asA, false)
		if len(after) != len(list)-1 {
			t.Errorf("%d open alerts after acknowledging one of %d", len(after), len(list))
		}
	})
}

func TestMeasureMissedAlert(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		now := time.Date(2026, 3, 20, 15, 0, 0, 0, time.UTC)
		svc, c := measureSetup(t, env, now)
		asA := actorAs(carepath.RoleClinician, clinicianA)
		// Answered at admission only: the weekly dates 7 and 14 days later have passed.
		if _, _, err := svc.CreateMeasure(asA, c.ID, carepath.MeasureInput{Instrument: "phq9", Answers: make([]int, 9), TakenAt: now.AddDate(0, 0, -20)}); err != nil {
			t.Fatal(err)
		}
		list, err := svc.FindMeasureAlerts(asA, false)
		if err != nil || len(list) != 1 || list[0].Kind != "missed_measures" {
			t.Fatalf("alerts: %+v %v", list, err)
		}
		if _, err := svc.AcknowledgeMeasureAlert(asA, list[0].ID, "Texted a new link."); err != nil {
			t.Fatalf("acknowledge missed: %v", err)
		}
		if list, _ := svc.FindMeasureAlerts(asA, false); len(list) != 0 {
			t.Errorf("still open: %+v", list)
		}
		if all, _ := svc.FindMeasureAlerts(asA, true); len(all) != 1 || all[0].Note != "Texted a new link." {
			t.Errorf("all: %+v", all)
		}
		// An override to every 14 days is shown.
		if _, err := svc.SetMeasureSchedule(asA, c.ID, carepath.MeasureScheduleUpdate{EveryDays: 100, Repeated: []string{"bdi"}}); carepath.ErrorCode(err) != carepath.EINVALID {
			t.Errorf("bad schedule: %v", err)
		}
		s, err := svc.SetMeasureSchedule(asA, c.ID, carepath.MeasureScheduleUpdate{EveryDays: 14, Repeated: []string{"phq9"}})
		if err != nil || !s.Override || s.EveryDays != 14 {
			t.Errorf("override: %+v %v", s, err)
		}
	})
}

func TestMeasureLinks(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		now := time.Date(2026, 3, 20, 15, 0, 0, 0, time.UTC)
		svc, c := measureSetup(t, env, now)
		asA := actorAs(carepath.RoleClinician, clinicianA)
		if _, _, err := svc.CreateMeasureLink(asA, c.ID, carepath.MeasureLinkInput{Instruments: []string{"phq9", "bdi"}, SendTo: "fax"}); carepath.ErrorCode(err) != carepath.EINVALID ||
			!slices.Equal(fieldPaths(err), []string{"instruments[1]", "send_to"}) {
			t.Errorf("bad link: %v", err)
		}
		// Nothing is emailed without the client's consent to contact by email.
		_, _, err := svc.CreateMeasureLink(asA, c.ID, carepath.MeasureLinkInput{Instruments: []string{"phq9"}, SendTo: "email"})
		if fe := carepath.ErrorFields(err); len(fe) != 1 || fe[0].Field != "send_to" || fe[0].Code != "no_consent" {
			t.Errorf("link without consent: %v", err)
		}
		yes := true
		if _, err := store.NewClientService(env.Store).UpdateClient(asA, c.ID, carepath.ClientUpdate{Version: c.Version, EmailConsent: &yes}); err != nil {
			t.Fatal(err)
		}
		link, token, err := svc.CreateMeasureLink(asA, c.ID, carepath.MeasureLinkInput{Instruments: []string{"phq9", "checkin"}, SendTo: "email"})
		if err != nil || len(token) < 40 || !link.ExpiresAt.Equal(now.Add(96*time.Hour)) {
			t.Fatalf("link: %+v %v", link, err)
		}
		if n := rowCount(t, env, "measure_links", "token_hash = $1", token); n != 0 {
			t.Fatal("the token is stored in clear")
		}
		opened, err := svc.OpenMeasureLink(asPublic, token)
		if err != nil || opened.ClientID != "" || !slices.Equal(opened.Instruments, []string{"phq9", "checkin"}) {
			t.Fatalf("open: %+v %v", opened, err)
		}
		// Bad answers name the instrument's item; nothing is stored and the link still works.
		_, err = svc.SubmitMeasureLink(asPublic, token, map[string][]int{"phq9": {0, 0, 0, 0, 0, 0, 0, 0, 9}, "checkin": {7, 30, 2}})
		if carepath.ErrorCode(err) != carepath.EINVALID || !slices.Equal(fieldPaths(err), []string{"answers.phq9[8]"}) {
			t.Errorf("bad answers: %v", err)
		}
		receipt, err := svc.SubmitMeasureLink(asPublic, token, map[string][]int{"phq9": {0, 0, 0, 0, 0, 0, 0, 0, 1}, "checkin": {7, 30, 2}})
		if err != nil {
			t.Fatal(err)
		}
		if !receipt.Safety || receipt.OnCallAlerted {
			t.Errorf("receipt: safety %v, on call alerted %v; want a safety alert and nobody paged (no rota)", receipt.Safety, receipt.OnCallAlerted)
		}
		ms := receipt.Measures
		if len(ms) != 2 || ms[0].Source != carepath.MeasureByLink || ms[0].EnteredBy != link.ID || ms[0].Item9 != 1 {
			t.Fatalf("submit: %+v %v", ms, err)
		}
		if _, err := svc.SubmitMeasureLink(asPublic, token, map[string][]int{"phq9": make([]int, 9), "checkin": {7, 30, 2}}); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("reused: %v", err)
		}
		if _, err := svc.OpenMeasureLink(asPublic, token); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("reopened: %v", err)
		}
		// Expired after 4 days: the same answer as an unknown token.
		_, token2, err := svc.CreateMeasureLink(asA, c.ID, carepath.MeasureLinkInput{Instruments: []string{"gad7"}, SendTo: "sms"})
		if err != nil {
			t.Fatal(err)
		}
		env.Store.SetNow(func() time.Time { return now.Add(96 * time.Hour) })
		_, errExpired := svc.OpenMeasureLink(asPublic, token2)
		_, errWrong := svc.OpenMeasureLink(asPublic, token2[:len(token2)-2]+"xx")
		if carepath.ErrorCode(errExpired) != carepath.ENOTFOUND || errExpired.Error() != errWrong.Error() {
			t.Errorf("expired %v, wrong %v", errExpired, errWrong)
		}
		if n := rowCount(t, env, "measures", "client_id = $1", c.ID); n != 2 {
			t.Errorf("%d measures, want 2", n)
		}
	})
}
