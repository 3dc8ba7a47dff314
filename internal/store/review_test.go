package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestReviewStepDownAccepted: an IOP client whose PHQ-9 was in remission twice, who attended
// 11 of 12 group sessions over the last 4 weeks and reported no relapse, gets a step-down
// suggestion with its reasons and data; accepting it transfers the open episode to outpatient
// today in the program's time zone, in the same call, and a second decision is refused. The
// next review (at outpatient) suggests no change, is on record, and cannot be declined without
// a reason. Access and the audit rows are checked on the way.
func TestReviewStepDownAccepted(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		now := time.Date(2026, 10, 1, 15, 0, 0, 0, time.UTC)
		env.Store.SetNow(func() time.Time { return now })
		f := newDeliveryFixture(t, env)
		episodes := store.NewEpisodeService(env.Store)
		e, err := episodes.AdmitClient(asAdmin, carepath.EpisodeAdmit{ClientID: f.alice, ProgramID: f.program.ID, On: "2026-10-01"})
		if err != nil {
			t.Fatal(err)
		}
		g := f.group(t)
		if _, err := f.groups.AddGroupMember(asFrontDesk, g.ID, f.alice, "2026-11-02"); err != nil {
			t.Fatal(err)
		}
		measures := store.NewMeasureService(env.Store)
		for _, m := range []struct {
			at      time.Time
			answers []int
		}{
			{time.Date(2026, 11, 2, 20, 0, 0, 0, time.UTC), []int{2, 2, 2, 2, 2, 2, 2, 1, 0}},  // 15
			{time.Date(2026, 11, 16, 20, 0, 0, 0, time.UTC), []int{1, 1, 1, 0, 0, 0, 0, 0, 0}}, // 3
			{time.Date(2026, 11, 27, 20, 0, 0, 0, time.UTC), []int{1, 1, 0, 0, 0, 0, 0, 0, 0}}, // 2
		} {
			now = m.at.Add(time.Hour)
			if _, _, err := measures.CreateMeasure(f.asClinician, f.alice, carepath.MeasureInput{Instrument: "phq9", Answers: m.answers, TakenAt: m.at}); err != nil {
				t.Fatal(err)
			}
		}
		now = time.Date(2026, 11, 28, 18, 0, 0, 0, time.UTC)
		for d := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC); d.Before(now); d = d.AddDate(0, 0, 1) {
			if wd := d.Weekday(); wd != time.Monday && wd != time.Wednesday && wd != time.Friday {
				continue
			}
			rec := carepath.AttendanceRecord{ClientID: f.alice, Status: "present", Minutes: 180}
			if d.Day() == 11 {
				rec = carepath.AttendanceRecord{ClientID: f.alice, Status: "absent_excused"}
			}
			if _, err := f.attendance.RecordAttendance(f.asClinician, g.ID+":"+d.Format(carepath.DateLayout),
				carepath.AttendanceUpdate{Records: []carepath.AttendanceRecord{rec}}); err != nil {
				t.Fatalf("attendance %s: %v", d.Format(carepath.DateLayout), err)
			}
		}

		svc := store.NewReviewService(env.Store)
		if _, err := svc.RunReview(asFrontDesk, f.alice); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("front desk: %v", err)
		}
		if _, err := svc.RunReview(actorAs(carepath.RoleClinician, f.other), f.alice); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("other clinician: %v", err)
		}
		if _, err := svc.RunReview(f.asClinician, f.bob); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("no open episode: %v", err)
		}

		rv, err := svc.RunReview(f.asClinician, f.alice)
		if err != nil {
			t.Fatal(err)
		}
		if rv.Action != carepath.ReviewStepDown || rv.ToLevel != carepath.LevelOutpatient || rv.RuleID != "iop-step-down" ||
			rv.Level != carepath.LevelIOP || rv.EpisodeID != e.ID || rv.Decision != carepath.ReviewPending || len(rv.Reasons) != 5 {
			t.Fatalf("review = %+v", rv)
		}
		a := rv.Data.Attendance
		if a.Attended != 11 || a.Scheduled != 12 || a.To != "2026-11-28" {
			t.Errorf("attendance = %+v", a)
		}
		if len(rv.Data.Measures) != 1 {
			t.Fatalf("measures = %+v", rv.Data.Measures)
		}
		if m := rv.Data.Measures[0]; m.Instrument != "phq9" || m.Baseline != 15 || m.Previous == nil || *m.Previous != 3 ||
			m.Latest != 2 || m.Count != 3 || m.Change == nil || !m.Change.Remission || rv.Data.LastRelapse != "" {
			t.Errorf("phq9 = %+v", m)
		}
		if got, err := svc.FindReviewByID(actorAs(carepath.RoleClinician, f.other), rv.ID); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("other clinician reads: %+v %v", got, err)
		}
		if _, err := svc.AcceptReview(actorAs(carepath.RoleClinician, f.other), rv.ID); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("other clinician accepts: %v", err)
		}

		done, err := svc.AcceptReview(f.asClinician, rv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if done.Decision != carepath.ReviewAccepted || done.TransferID == "" || done.DecidedBy != f.clinician || done.DecidedAt == nil {
			t.Errorf("accepted = %+v", done)
		}
		list, err := episodes.FindEpisodes(f.asClinician, f.alice)
		if err != nil || len(list) != 1 {
			t.Fatal(list, err)
		}
		ep := list[0]
		if ep.Level != carepath.LevelOutpatient || len(ep.Transfers) != 1 || ep.Version != e.Version+1 {
			t.Fatalf("episode = %+v", ep)
		}
		if tr := ep.Transfers[0]; tr.ID != done.TransferID || tr.On != "2026-11-28" || tr.Direction != carepath.StepDown ||
			tr.FromLevel != carepath.LevelIOP || tr.ToLevel != carepath.LevelOutpatient || tr.Reason == "" {
			t.Errorf("transfer = %+v", tr)
		}
		if _, err := svc.AcceptReview(f.asClinician, rv.ID); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("accepted twice: %v", err)
		}
		if _, err := svc.DeclineReview(f.asClinician, rv.ID, "changed my mind"); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("declined after accepting: %v", err)
		}

		next, err := svc.RunReview(f.asClinician, f.alice)
		if err != nil || next.Action != carepath.ReviewContinue || next.Level != carepath.LevelOutpatient || next.Transfers() {
			t.Fatalf("next = %+v, %v", next, err)
		}
		if _, err := svc.DeclineReview(f.asClinician, next.ID, "  "); !slices.Equal(fieldPaths(err), []string{"reason"}) {
			t.Errorf("decline without a reason: %v", err)
		}
		dec, err := svc.DeclineReview(f.asClinician, next.ID, "Waiting for the family session first.")
		if err != nil || dec.Decision != carepath.ReviewDeclined || dec.DeclineReason != "Waiting for the family session first." {
			t.Errorf("declined = %+v, %v", dec, err)
		}
		all, err := svc.FindReviews(f.asClinician, f.alice)
		if err != nil || len(all) != 2 || all[0].ID != next.ID || all[1].ID != rv.ID || all[1].TransferID != done.TransferID ||
			all[0].DeclineReason == "" || all[1].Data.Attendance.Attended != 11 {
			t.Errorf("list = %+v, %v", all, err)
		}
		if _, err := svc.FindReviews(asFrontDesk, f.alice); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("front desk list: %v", err)
		}
		if n := rowCount(t, env, "audit_log", "action = 'review.accept' AND client_id = $1 AND detail = 'ok'", f.alice); n != 2 {
			t.Errorf("%d allowed accept audit rows (review and episode), want 2", n)
		}
		if n := rowCount(t, env, "audit_log", "action = 'review.create' AND allowed = $1", false); n != 2 {
			t.Errorf("%d refused review runs audited (front desk, other clinician), want 2", n)
		}
		if n := rowCount(t, env, "audit_log", "detail LIKE '%family session%'"); n != 0 {
			t.Error("a decline reason reached the audit log")
		}
	})
}

// TestReviewSafetyAccepted: a positive item 9 in individual therapy suggests a safety
// evaluation; accepting it records the decision and transfers nothing.
func TestReviewSafetyAccepted(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		now := time.Date(2026, 3, 20, 15, 0, 0, 0, time.UTC)
		env.Store.SetNow(func() time.Time { return now })
		c := mustCreate(t, store.NewClientService(env.Store), newTestClient("Ada", "Quill", clinicianA))
		p, err := store.NewProgramService(env.Store).CreateProgram(asAdmin, carepath.ProgramCreate{Name: "Therapy", Level: carepath.LevelOutpatient, TimeZone: "UTC"})
		if err != nil {
			t.Fatal(err)
		}
		episodes := store.NewEpisodeService(env.Store)
		e, err := episodes.AdmitClient(asAdmin, carepath.EpisodeAdmit{ClientID: c.ID, ProgramID: p.ID, On: "2026-03-01"})
		if err != nil {
			t.Fatal(err)
		}
		asA := actorAs(carepath.RoleClinician, clinicianA)
		if _, _, err := store.NewMeasureService(env.Store).CreateMeasure(asA, c.ID, carepath.MeasureInput{Instrument: "phq9",
			Answers: []int{2, 2, 2, 2, 1, 1, 1, 1, 1}, TakenAt: now.Add(-time.Hour)}); err != nil {
			t.Fatal(err)
		}
		svc := store.NewReviewService(env.Store)
		rv, err := svc.RunReview(asA, c.ID)
		if err != nil || rv.Action != carepath.ReviewSafetyEvaluation || rv.RuleID != "safety-item9" || rv.ToLevel != "" || rv.Transfers() {
			t.Fatalf("review = %+v, %v", rv, err)
		}
		done, err := svc.AcceptReview(asA, rv.ID)
		if err != nil || done.Decision != carepath.ReviewAccepted || done.TransferID != "" {
			t.Fatalf("accepted = %+v, %v", done, err)
		}
		list, err := episodes.FindEpisodes(asA, c.ID)
		if err != nil || len(list) != 1 || list[0].Level != carepath.LevelOutpatient || len(list[0].Transfers) != 0 || list[0].Version != e.Version {
			t.Errorf("episode = %+v, %v", list, err)
		}
		if _, err := svc.FindReviewByID(asA, "not-an-id"); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("bad id: %v", err)
		}
	})
}
