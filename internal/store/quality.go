package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/delivery"
)

// Method notes for what the store derives rather than reads: how primary-clinician history and
// employment are known.
const (
	continuityNote = " Primary-clinician history comes from the clients' records: each change of primary " +
		"clinician is dated (UTC) when it is saved. A client's first primary clinician, when set as the client " +
		"was added, also holds for sessions dated before that day (booked and recorded afterwards, as when a " +
		"clinic moves its records in); a primary clinician first set later holds from the day it was set."
	groupSizeNote = " A type's cap is the default (process groups: 9) unless the program's groups of that type " +
		"set a capacity; then the smallest capacity set is the cap. Capacity overrides count the members an admin " +
		"added beyond a group's capacity, with a reason, in the period."
	turnoverNote = " The staff measured are the clinicians who ran a group or session of this program. Employment " +
		"starts on the hire date on the staff record (or, where none is recorded, the day the account was created) " +
		"and ends on the day the account was disabled (re-enabled accounts count as still employed)."
)

// ProgramQuality computes the program's quality-of-care report for ISO weeks from through to
// (YYYY-Www) in its time zone. EINVALID names from or to; ENOTFOUND when there is no such
// program; EFORBIDDEN for roles other than admin and the command line.
func (svc *AttendanceService) ProgramQuality(ctx context.Context, programID, from, to string) (*carepath.QualityReport, error) {
	fw, ferr := delivery.ParseISOWeek("from", from)
	tw, terr := delivery.ParseISOWeek("to", to)
	validate := func() error {
		var errs carepath.FieldErrors
		errs = append(errs, carepath.ErrorFields(ferr)...)
		errs = append(errs, carepath.ErrorFields(terr)...)
		if len(errs) == 0 && tw.Before(fw) {
			errs.Add("to", "range", "The last week cannot come before the first.")
		}
		if len(errs) == 0 && fw.Monday().DaysUntil(tw.Monday()) > 7*106 {
			errs.Add("to", "range", "Please ask for at most two years at a time.")
		}
		return errs.Err()
	}
	var out *carepath.QualityReport
	o := op{record: access.Quality, action: access.Read, recordID: wellFormedID(programID), validate: validate,
		detail: "from=" + fw.String() + " to=" + tw.String()}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		l := newSeriesLoader(svc.s, tx)
		p, err := l.program(ctx, programID)
		if err != nil {
			return nil, err
		}
		in, err := svc.qualityInput(ctx, tx, l, p, fw, tw)
		if err != nil {
			return nil, err
		}
		q, err := delivery.ComputeQuality(in)
		if err != nil {
			return nil, err
		}
		out = publicQuality(p.ID, q)
		var overrides int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM group_capacity_overrides o JOIN groups g ON g.id = o.group_id
			WHERE g.program_id = $1 AND o.from_date >= $2 AND o.from_date <= $3`, p.ID, fw.Monday().String(), tw.Monday().AddDays(6).String()).Scan(&overrides); err != nil {
			return nil, fmt.Errorf("count capacity overrides: %w", svc.s.translate(err))
		}
		out.GroupSize["capacity_overrides"] = overrides
		return []ref{{ID: p.ID}}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// qualityInput reads what the figures are computed from: the program's occurrences and
// attendance in the period, its clients' primary-clinician history and its clinicians'
// employment.
func (svc *AttendanceService) qualityInput(ctx context.Context, tx *sql.Tx, l *seriesLoader, p *carepath.Program,
	fw, tw delivery.ISOWeek) (delivery.QualityInput, error) {
	dp := delivery.NewProgram(p)
	in := delivery.QualityInput{Program: dp, From: fw, To: tw}
	list, err := l.load(ctx, "program_id = $1", []any{p.ID}, "program_id = $1", []any{p.ID})
	if err != nil {
		return in, err
	}
	start, _ := fw.Bounds(dp.Loc)
	_, end := tw.Bounds(dp.Loc)
	in.Sessions = expand(list, start, end)
	if in.Attendance, err = loadAttendance(ctx, svc.s, tx, `program_id = $1 AND local_date BETWEEN $2 AND $3`, p.ID,
		fw.Monday().AddDays(-7).String(), tw.Sunday().AddDays(7).String()); err != nil {
		return in, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT h.client_id, h.clinician_id, h.from_date, c.created_at
		FROM client_clinician_history h JOIN clients c ON c.id = h.client_id
		WHERE h.client_id IN (SELECT client_id FROM care_sessions WHERE program_id = $1
			UNION SELECT m.client_id FROM group_members m JOIN groups g ON g.id = m.group_id WHERE g.program_id = $1)
		ORDER BY h.client_id, h.id`, p.ID)
	if err != nil {
		return in, fmt.Errorf("select clinician history: %w", svc.s.translate(err))
	}
	for rows.Next() {
		var a delivery.Assignment
		var from string
		var created time.Time
		if err := rows.Scan(&a.ClientID, &a.ClinicianID, &from, &created); err != nil {
			rows.Close()
			return in, err
		}
		a.From = delivery.MustDate(from)
		n := len(in.Primary)
		first := n == 0 || in.Primary[n-1].ClientID != a.ClientID
		// The primary clinician the client was added with is the one on record for sessions
		// dated before the client was added too (booked and recorded afterwards): without
		// this, every such session would count as not with the primary clinician.
		if first && a.From == delivery.DateOf(created.UTC()) {
			a.From = delivery.Date{}
		}
		// Several changes saved on one day: the last one holds from that day.
		if !first && (in.Primary[n-1].From == a.From || in.Primary[n-1].From.IsZero() && a.From == delivery.DateOf(created.UTC())) {
			a.From = in.Primary[n-1].From
			in.Primary[n-1] = a
			continue
		}
		in.Primary = append(in.Primary, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return in, err
	}
	in.Caps = groupCaps(list)
	staff := map[string]bool{}
	for _, se := range list {
		for _, c := range se.clinicians {
			staff[c] = true
		}
	}
	for id := range staff {
		var created time.Time
		var disabled bool
		var hired sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT created_at, disabled, hire_date FROM staff WHERE id = $1`, id).Scan(&created,
			&disabled, &hired); err != nil {
			return in, fmt.Errorf("select staff: %w", svc.s.translate(err))
		}
		e := delivery.Employment{StaffID: id, Start: delivery.DateOf(created.UTC())}
		if hired.Valid && hired.String != "" {
			e.Start = delivery.MustDate(hired.String)
		}
		if disabled {
			var on string
			err := tx.QueryRowContext(ctx, `SELECT on_date FROM staff_separations WHERE staff_id = $1 AND rehired = $2
				ORDER BY id DESC LIMIT 1`, id, false).Scan(&on)
			if err != nil && err != sql.ErrNoRows {
				return in, fmt.Errorf("select separation: %w", svc.s.translate(err))
			}
			if on != "" {
				e.Until = delivery.MustDate(on)
			}
		}
		in.Staff = append(in.Staff, e)
	}
	return in, nil
}

func publicQuality(programID string, q delivery.Quality) *carepath.QualityReport {
	per := make([]map[string]any, len(q.Continuity.PerClient))
	for i, c := range q.Continuity.PerClient {
		per[i] = map[string]any{"client_id": c.ClientID, "sessions": c.Sessions, "with_primary": c.WithPrimary, "share": c.Share}
	}
	left := q.Turnover.ClientsWhoseClinicianLeft
	if left == nil {
		left = []string{}
	}
	return &carepath.QualityReport{ProgramID: programID, From: q.From.String(), To: q.To.String(),
		OneOnOneMinutesPerClientWeek: map[string]any{"client_weeks": q.OneOnOne.ClientWeeks,
			"median": q.OneOnOne.MedianMinutes, "p10": q.OneOnOne.P10Minutes, "method": q.OneOnOne.Method},
		GroupSize: map[string]any{"sessions": q.GroupSize.Sessions, "median": q.GroupSize.Median, "max": q.GroupSize.Max,
			"over_cap": q.GroupSize.OverCap, "share_over_cap": q.GroupSize.ShareOverCap, "method": q.GroupSize.Method + groupSizeNote},
		TherapistContinuity: map[string]any{"clients": q.Continuity.Clients, "mean_share": q.Continuity.MeanShare,
			"per_client": per, "changed_primary": q.Continuity.ChangedPrimary, "method": q.Continuity.Method + continuityNote},
		StaffTurnover: map[string]any{"separations": q.Turnover.Separations, "average_headcount": q.Turnover.AverageHeadcount,
			"days": q.Turnover.Days, "annualized_rate": q.Turnover.AnnualizedRate, "annualizable": q.Turnover.Annualizable,
			"min_days_to_annualize": delivery.MinDaysToAnnualize, "clients_whose_clinician_left": left,
			"method": q.Turnover.Method + turnoverNote},
		HoursDeliveredVsRequired: map[string]any{"client_weeks": q.Hours.ClientWeeks,
			"weeks_below_minimum": q.Hours.WeeksBelowMinimum, "delivered_minutes": q.Hours.DeliveredMinutes,
			"required_minutes": q.Hours.RequiredMinutes, "ratio": q.Hours.Ratio, "method": q.Hours.Method},
	}
}

// groupCaps returns the group-size cap of each type: the default, or the smallest capacity the
// program's groups of that type set.
func groupCaps(list []*series) map[delivery.GroupType]int {
	caps := map[delivery.GroupType]int{}
	for t, c := range delivery.DefaultCaps {
		caps[t] = c
	}
	set := map[delivery.GroupType]bool{}
	for _, se := range list {
		if se.kind != delivery.KindGroup || se.capacity <= 0 {
			continue
		}
		if !set[se.groupType] || se.capacity < caps[se.groupType] {
			caps[se.groupType], set[se.groupType] = se.capacity, true
		}
	}
	return caps
}
