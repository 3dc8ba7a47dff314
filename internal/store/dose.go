package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/delivery"
)

// alertWeeks is how many weeks back alerts look: the current week and the four before it.
const alertWeeks = 5

// loadAttendance reads attendance records matching where over args. Ids and statuses repeat
// across a year of records, so each distinct value is allocated once.
func loadAttendance(ctx context.Context, s *Store, tx *sql.Tx, where string, args ...any) ([]delivery.Attendance, error) {
	rows, err := tx.QueryContext(ctx, `SELECT occurrence_id, client_id, status, minutes FROM attendance WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("select attendance: %w", s.translate(err))
	}
	defer rows.Close()
	var out []delivery.Attendance
	seen := map[string]string{}
	intern := func(b []byte) string {
		if v, ok := seen[string(b)]; ok {
			return v
		}
		v := string(b)
		seen[v] = v
		return v
	}
	var occ, client, status sql.RawBytes
	for rows.Next() {
		var a delivery.Attendance
		if err := rows.Scan(&occ, &client, &status, &a.Minutes); err != nil {
			return nil, err
		}
		a.SessionID, a.ClientID, a.Status = intern(occ), intern(client), delivery.Status(intern(status))
		out = append(out, a)
	}
	return out, rows.Err()
}

// clientSeries reads every group the client was ever on and every session booked for them.
func clientSeries(ctx context.Context, l *seriesLoader, clientID string) ([]*series, error) {
	return l.load(ctx, `id IN (SELECT group_id FROM group_members WHERE client_id = $1)`, []any{clientID},
		`client_id = $1`, []any{clientID})
}

// expand returns the sessions of list starting in [from, to).
func expand(list []*series, from, to time.Time) []delivery.Session {
	var out []delivery.Session
	for _, se := range list {
		for _, o := range se.occurrences(from, to) {
			out = append(out, o.s)
		}
	}
	return out
}

// doseProgram is the program a client's dose is measured against: the program of their most
// recent open episode, else of their most recently created group or session.
func doseProgram(ctx context.Context, s *Store, l *seriesLoader, clientID string, list []*series) (*carepath.Program, error) {
	var pid string
	err := l.tx.QueryRowContext(ctx, `SELECT program_id FROM episodes WHERE client_id = $1 AND status = 'open'
		ORDER BY admitted_on DESC, id DESC LIMIT 1`, clientID).Scan(&pid)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("select episode: %w", s.translate(err))
	}
	if pid == "" && len(list) > 0 {
		// Ids are time-ordered, so the greatest is the most recently created series.
		pid = slices.MaxFunc(list, func(a, b *series) int { return strings.Compare(a.id, b.id) }).programID
	}
	if pid == "" {
		return nil, nil
	}
	return l.program(ctx, pid)
}

// ClientDose returns a client's dose for one ISO week: ClientDoses for that week alone.
func (svc *AttendanceService) ClientDose(ctx context.Context, clientID, week string) (*carepath.Dose, error) {
	list, err := svc.clientDoses(ctx, clientID, "week", week, week)
	if err != nil {
		return nil, err
	}
	return list[0], nil
}

// maxDoseWeeks is the most weeks one ClientDoses call covers.
const maxDoseWeeks = 53

// ClientDoses returns a client's dose for every ISO week from through to (at most 53 weeks),
// oldest first, in one read with one audit row: the chart's attendance strip and the dose
// table need many weeks at once. EINVALID names from or to.
func (svc *AttendanceService) ClientDoses(ctx context.Context, clientID, from, to string) ([]*carepath.Dose, error) {
	return svc.clientDoses(ctx, clientID, "from", from, to)
}

// clientDoses is ClientDose and ClientDoses; fromField names the first week in errors.
func (svc *AttendanceService) clientDoses(ctx context.Context, clientID, fromField, from, to string) ([]*carepath.Dose, error) {
	first, ferr := delivery.ParseISOWeek(fromField, from)
	last, lerr := delivery.ParseISOWeek("to", to)
	validate := func() error {
		if ferr != nil && fromField == "week" {
			return ferr // ClientDose: to is the same week
		}
		if ferr != nil || lerr != nil {
			var errs carepath.FieldErrors
			for _, e := range []error{ferr, lerr} {
				errs = append(errs, carepath.ErrorFields(e)...)
			}
			return errs.Err()
		}
		if last.Before(first) || first.Monday().DaysUntil(last.Monday())/7 >= maxDoseWeeks {
			var errs carepath.FieldErrors
			errs.Add("to", "range", "Please choose a last week from the first week to %d weeks after it.", maxDoseWeeks-1)
			return errs.Err()
		}
		return nil
	}
	var out []*carepath.Dose
	o := op{record: access.Dose, action: access.Read, recordID: wellFormedID(clientID), clientID: wellFormedID(clientID),
		validate: validate, detail: "week=" + first.String()}
	if last != first {
		o.detail += ".." + last.String()
	}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		l := newSeriesLoader(svc.s, tx)
		list, err := clientSeries(ctx, l, clientID)
		if err != nil {
			return nil, err
		}
		p, err := doseProgram(ctx, svc.s, l, clientID, list)
		if err != nil {
			return nil, err
		}
		dp := delivery.Program{Loc: time.UTC}
		if p != nil {
			dp = delivery.NewProgram(p)
		}
		start, _ := first.Bounds(dp.Loc)
		_, end := last.Bounds(dp.Loc)
		sessions := expand(list, start, end)
		att, err := loadAttendance(ctx, svc.s, tx, `client_id = $1 AND local_date BETWEEN $2 AND $3`, clientID,
			first.Monday().AddDays(-7).String(), last.Sunday().AddDays(7).String())
		if err != nil {
			return nil, err
		}
		for w := first; !last.Before(w); w = w.Next() {
			d := publicDose(delivery.ComputeDose(dp, clientID, w, sessions, att))
			if p != nil {
				d.ProgramID = p.ID
			}
			if reviewerSeesWeek(ctx, clientID, w.Monday().String()) {
				out = append(out, d)
			}
		}
		return []ref{{ID: clientID, ClientID: clientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return out, nil
}

func publicDose(d delivery.Dose) *carepath.Dose {
	out := &carepath.Dose{ClientID: d.ClientID, Week: d.Week.String(), RequiredMinutes: d.RequiredMinutes,
		DeliveredMinutes: d.DeliveredMinutes, Met: d.Met, Scheduled: d.Scheduled,
		SessionsByKind: map[string]int{}, MinutesByKind: map[string]int{}}
	for _, k := range delivery.Kinds {
		out.SessionsByKind[string(k)] = d.Sessions.Of(k)
		out.MinutesByKind[string(k)] = d.Minutes.Of(k)
	}
	return out
}

// FindAlerts lists the alerts of the clients on the actor's care team (every client for admin
// and the command line) over the current week and the four before it: two or more unexcused
// absences in a row, and client-weeks that ended below their program's minimum. Newest first.
func (svc *AttendanceService) FindAlerts(ctx context.Context) ([]*carepath.Alert, error) {
	list := []*carepath.Alert{}
	err := svc.s.do(ctx, op{record: access.AttendanceAlert, action: access.List}, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		scope, err := newScheduleScope(ctx, svc.s, tx)
		if err != nil {
			return nil, err
		}
		now := svc.s.now()
		from := now.AddDate(0, 0, -7*alertWeeks-1)
		l := newSeriesLoader(svc.s, tx)
		var all []*series
		if scope.all {
			all, err = l.load(ctx, "1 = 1", nil, "1 = 1", nil)
		} else {
			all, err = l.load(ctx, `id IN (SELECT group_id FROM group_members m JOIN clients c ON c.id = m.client_id
				WHERE c.primary_clinician_id = $1 OR c.case_manager_id = $1)`, []any{scope.actor.ID},
				`client_id IN (SELECT id FROM clients WHERE primary_clinician_id = $1 OR case_manager_id = $1)`, []any{scope.actor.ID})
		}
		if err != nil {
			return nil, err
		}
		byProgram := map[string][]*series{}
		for _, se := range all {
			byProgram[se.programID] = append(byProgram[se.programID], se)
		}
		var refs []ref
		seen := map[string]bool{}
		for pid, ss := range byProgram {
			p := delivery.NewProgram(l.programs[pid])
			sessions := expand(ss, from, now)
			att, err := loadAttendance(ctx, svc.s, tx, `program_id = $1 AND local_date >= $2`, pid,
				delivery.DateOf(from.In(p.Loc)).String())
			if err != nil {
				return nil, err
			}
			att = slices.DeleteFunc(att, func(a delivery.Attendance) bool { return !scope.seesClient(a.ClientID) })
			alerts := delivery.AbsenceAlerts(sessions, att)
			last := delivery.WeekOf(now, p.Loc)
			first := delivery.WeekOf(from, p.Loc).Next()
			for _, d := range delivery.DoseAlerts(p, delivery.WeeklyDoses(p, first, last, sessions, att), now) {
				if scope.seesClient(d.ClientID) {
					alerts = append(alerts, d)
				}
			}
			for _, a := range alerts {
				pa := &carepath.Alert{Kind: string(a.Kind), ClientID: a.ClientID, ProgramID: pid, SessionIDs: a.SessionIDs,
					At: a.At.UTC(), Message: a.Message}
				if a.Kind == delivery.AlertBelowMinimum {
					pa.Week = a.Week.String()
				}
				list = append(list, pa)
				if !seen[a.ClientID] {
					seen[a.ClientID] = true
					refs = append(refs, ref{ID: a.ClientID, ClientID: a.ClientID})
				}
			}
		}
		slices.SortStableFunc(list, func(a, b *carepath.Alert) int {
			if c := b.At.Compare(a.At); c != 0 {
				return c
			}
			return compareStrings(a.ClientID, b.ClientID)
		})
		return refs, nil
	})
	if err != nil {
		return nil, err
	}
	return list, nil
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
