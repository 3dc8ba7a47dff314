package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/delivery"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
	"github.com/google/uuid"
)

// deliveryBench is a year-long IOP seeded by SQL: 300 clients, 20 clinicians, 40 process
// groups of 7–8 clients meeting three mornings a week for 3 h, and a weekly 50-minute
// individual session per client, with attendance recorded for every occurrence.
type deliveryBench struct {
	program     string
	clients     []string
	first, last delivery.ISOWeek
}

func seedDeliveryBench(b *testing.B, db *sql.DB) *deliveryBench {
	b.Helper()
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	exec := func(q string, args ...any) {
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			b.Fatalf("%s: %v", q, err)
		}
	}
	prepare := func(q string) *sql.Stmt {
		st, err := tx.PrepareContext(ctx, q)
		if err != nil {
			b.Fatal(err)
		}
		return st
	}
	loc, _ := time.LoadLocation("America/Chicago")
	at := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	bench := &deliveryBench{program: uuid.NewString()}
	exec(`INSERT INTO programs (id, name, level, time_zone, min_minutes_per_week, created_at)
		VALUES ($1, 'Bench IOP', 'iop', 'America/Chicago', 540, $2)`, bench.program, at)
	clinicians := make([]string, 20)
	for i := range clinicians {
		clinicians[i] = uuid.NewString()
		exec(`INSERT INTO staff (id, email, name, role, password_hash, created_at) VALUES ($1, $2, 'Clinician', 'clinician', 'x', $3)`,
			clinicians[i], fmt.Sprintf("c%d@example.org", i), at)
	}
	insClient := prepare(`INSERT INTO clients (id, version, given_name, family_name, birth_date, primary_clinician_id,
		created_at, updated_at) VALUES ($1, 1, 'Client', $2, '1990-01-01', $3, $4, $4)`)
	bench.clients = make([]string, 300)
	for i := range bench.clients {
		bench.clients[i] = uuid.NewString()
		if _, err := insClient.ExecContext(ctx, bench.clients[i], fmt.Sprint("Bench", i), clinicians[i%20], at); err != nil {
			b.Fatal(err)
		}
	}
	start := delivery.MustDate("2025-12-01") // a Monday
	end := start.AddDays(7*52 - 1)
	bench.first, bench.last = delivery.WeekOfDate(start), delivery.WeekOfDate(end)
	insSheet := prepare(`INSERT INTO attendance_sheets (occurrence_id, series_id, program_id, local_date, version, updated_at)
		VALUES ($1, $2, $3, $4, 1, $5)`)
	insAtt := prepare(`INSERT INTO attendance (occurrence_id, client_id, program_id, local_date, status, minutes,
		recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`)
	statuses := []struct {
		status  string
		percent float64
	}{{"present", 1}, {"present", 1}, {"late", 0.8}, {"left_early", 0.6}, {"absent_excused", 0}, {"absent_unexcused", 0},
		{"present", 1}, {"present", 1}, {"present", 1}}
	record := func(series string, d delivery.Date, minutes int, clients []string, by string, n int) {
		occ := delivery.OccurrenceID(series, d)
		if _, err := insSheet.ExecContext(ctx, occ, series, bench.program, d.String(), at); err != nil {
			b.Fatal(err)
		}
		for j, c := range clients {
			s := statuses[(n+j)%len(statuses)]
			if _, err := insAtt.ExecContext(ctx, occ, c, bench.program, d.String(), s.status, int(float64(minutes)*s.percent), by, at); err != nil {
				b.Fatal(err)
			}
		}
	}
	daySets := [][]string{{"mon", "wed", "fri"}, {"tue", "thu", "fri"}}
	for g := range 40 {
		id := uuid.NewString()
		days := daySets[g%2]
		exec(`INSERT INTO groups (id, program_id, name, type, capacity, facilitator_ids, days, start_time, minutes,
			start_date, end_date, modality, room, meeting_link, created_at)
			VALUES ($1, $2, $3, 'process', 0, $4, $5, $6, 180, $7, '', 'in_person', $8, '', $9)`,
			id, bench.program, fmt.Sprint("Group ", g), clinicians[g%20], days[0]+","+days[1]+","+days[2],
			[]string{"09:00", "18:00"}[g/20], start.String(), fmt.Sprint("Room ", g%20), at)
		var members []string
		for i := g; i < 300; i += 40 {
			members = append(members, bench.clients[i])
			exec(`INSERT INTO group_members (group_id, client_id, from_date, until_date) VALUES ($1, $2, $3, NULL)`,
				id, bench.clients[i], start.String())
		}
		w := delivery.Weekly{Days: weekdays(days), Start: delivery.Clock{Hour: 9}, Minutes: 180, From: start, Until: end}
		for n, o := range w.Occurrences(id, loc, start.Midnight(loc), end.AddDays(1).Midnight(loc)) {
			record(id, o.Date, 180, members, clinicians[g%20], n)
		}
	}
	for i, c := range bench.clients {
		id := uuid.NewString()
		day := []string{"mon", "tue", "wed", "thu"}[i%4]
		exec(`INSERT INTO care_sessions (id, program_id, kind, client_id, clinician_id, recurring, days, start_time,
			minutes, start_date, end_date, modality, room, meeting_link, created_at)
			VALUES ($1, $2, 'individual', $3, $4, $5, $6, '13:00', 50, $7, '', 'in_person', 'Office', '', $8)`,
			id, bench.program, c, clinicians[(i+i/20)%20], true, day, start.String(), at)
		w := delivery.Weekly{Days: weekdays([]string{day}), Start: delivery.Clock{Hour: 13}, Minutes: 50, From: start, Until: end}
		for n, o := range w.Occurrences(id, loc, start.Midnight(loc), end.AddDays(1).Midnight(loc)) {
			record(id, o.Date, 50, []string{c}, clinicians[i%20], n+i)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return bench
}

func weekdays(names []string) []time.Weekday {
	all := []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}
	var out []time.Weekday
	for _, n := range names {
		for i, a := range all {
			if a == n {
				out = append(out, time.Weekday(i))
			}
		}
	}
	return out
}

// BenchmarkDeliveryQuality measures a year's quality report and one client's dose week of the
// seeded program through the store (chokepoint and audit included), on SQLite:
//
//	go test ./internal/store -run '^$' -bench BenchmarkDelivery -benchtime 20x
func BenchmarkDeliveryQuality(b *testing.B) {
	env := storetest.SQLite(b)
	bench := seedDeliveryBench(b, env.Write)
	svc := store.NewAttendanceService(env.Store)
	ctx := carepath.NewContext(context.Background(), carepath.Actor{ID: "staff-admin", Role: carepath.RoleAdmin, Remote: "192.0.2.9"})
	b.Run("quality_year", func(b *testing.B) {
		for b.Loop() {
			q, err := svc.ProgramQuality(ctx, bench.program, bench.first.String(), bench.last.String())
			if err != nil {
				b.Fatal(err)
			}
			if n := q.GroupSize["sessions"].(int); n != 40*3*52 {
				b.Fatalf("group sessions = %d", n)
			}
		}
	})
	b.Run("dose_week", func(b *testing.B) {
		week := bench.first.String()
		i := 0
		for b.Loop() {
			d, err := svc.ClientDose(ctx, bench.clients[i%len(bench.clients)], week)
			if err != nil {
				b.Fatal(err)
			}
			if d.Scheduled != 4 {
				b.Fatalf("scheduled = %d", d.Scheduled)
			}
			i++
		}
	})
}
