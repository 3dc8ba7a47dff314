package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/delivery"
)

var _ carepath.AttendanceLookupService = (*AttendanceService)(nil)

// FindClientAttendance returns every attendance record of the client with the occurrence it
// belongs to, oldest first. The occurrence's roster holds only the clients the actor may see,
// as FindOccurrence gives it. ENOTFOUND when the client does not exist or is outside the
// actor's care team (audited as denied). The read appends one audit row naming the client.
func (svc *AttendanceService) FindClientAttendance(ctx context.Context, clientID string) ([]*carepath.ClientAttendance, error) {
	list := []*carepath.ClientAttendance{}
	o := op{record: access.Attendance, action: access.Read, recordID: wellFormedID(clientID), clientID: wellFormedID(clientID),
		detail: "by=client"}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		type row struct {
			occurrence string
			record     carepath.AttendanceRecord
			version    int
		}
		rows, err := tx.QueryContext(ctx, `SELECT a.occurrence_id, a.status, a.minutes, a.recorded_by, a.recorded_at, s.version
			FROM attendance a JOIN attendance_sheets s ON s.occurrence_id = a.occurrence_id
			WHERE a.client_id = $1 ORDER BY a.local_date, a.occurrence_id`, clientID)
		if err != nil {
			return nil, fmt.Errorf("select attendance: %w", svc.s.translate(err))
		}
		var found []row
		var seriesIDs []string
		for rows.Next() {
			r := row{record: carepath.AttendanceRecord{ClientID: clientID}}
			if err := rows.Scan(&r.occurrence, &r.record.Status, &r.record.Minutes, &r.record.RecordedBy,
				&r.record.RecordedAt, &r.version); err != nil {
				rows.Close()
				return nil, fmt.Errorf("scan attendance: %w", err)
			}
			r.record.RecordedAt = r.record.RecordedAt.UTC()
			found = append(found, r)
			if sid, _, ok := splitOccurrenceID(r.occurrence); ok && !slices.Contains(seriesIDs, sid) {
				seriesIDs = append(seriesIDs, sid)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("select attendance: %w", svc.s.translate(err))
		}
		if len(found) == 0 {
			return []ref{{ID: clientID, ClientID: clientID}}, nil
		}
		var a sqlArgs
		cond := a.in("id", seriesIDs)
		all, err := newSeriesLoader(svc.s, tx).load(ctx, cond, a.list, cond, a.list)
		if err != nil {
			return nil, err
		}
		byID := map[string]*series{}
		for _, se := range all {
			byID[se.id] = se
		}
		scope, err := newScheduleScope(ctx, svc.s, tx)
		if err != nil {
			return nil, err
		}
		for _, r := range found {
			sid, d, _ := splitOccurrenceID(r.occurrence)
			se := byID[sid]
			if se == nil {
				continue
			}
			oc, ok := se.on(d)
			if !ok {
				// The occurrence was cancelled after its attendance was kept; report it as it
				// was scheduled, so that the record is not lost.
				oc = se.occurrence(delivery.Occurrence{ID: r.occurrence, SeriesID: sid, Date: d,
					Start: d.At(se.ds.Recurrence.Start, se.loc), Minutes: se.ds.Recurrence.Minutes})
			}
			p := oc.public(r.version)
			p.ClientIDs = scope.roster(oc)
			list = append(list, &carepath.ClientAttendance{Occurrence: p, Record: r.record, SheetVersion: r.version})
		}
		return []ref{{ID: clientID, ClientID: clientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return list, nil
}
