package store

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/carepath/carepath/delivery"
)

// fixedHours are the hour slots of a planned week that bookings the plan may not move keep
// busy: each clinician's and each client's, and the clients each clinician sees there.
type fixedHours struct {
	busy       map[string][]string        // clinician → busy slots
	busyClient map[string][]string        // client → busy slots
	caseload   map[string]map[string]bool // clinician → clients seen in fixed sessions
}

func newFixedHours() *fixedHours {
	return &fixedHours{busy: map[string][]string{}, busyClient: map[string][]string{}, caseload: map[string]map[string]bool{}}
}

// add marks the hour slots of o (in the planned program's loc) busy for its clinicians and
// clients, and counts a booked session's client on its clinicians' caseloads.
func (fx *fixedHours) add(o occurrence, loc *time.Location) {
	for _, x := range slotsOf(o.s.Start, o.s.Minutes, loc) {
		for _, k := range o.se.clinicians {
			fx.busy[k] = append(fx.busy[k], x)
		}
		for _, c := range o.s.ClientIDs {
			fx.busyClient[c] = append(fx.busyClient[c], x)
		}
	}
	if o.se.kind != delivery.KindGroup && o.se.clientID != "" {
		for _, k := range o.se.clinicians {
			if fx.caseload[k] == nil {
				fx.caseload[k] = map[string]bool{}
			}
			fx.caseload[k][o.se.clientID] = true
		}
	}
}

// readFixed reads the week's bookings in other programs that involve one of the planned
// clinicians (staff), one of the planned clients, or one of the rooms the clinicians see
// clients in, marks their hours in fx, adds them to the fingerprint (so that a change to
// them makes the plan stale) and returns how many occurrences it found. A room taken by
// someone else keeps its clinician from seeing clients there then.
func (pw *plannedWeek) readFixed(ctx context.Context, s *Store, tx *sql.Tx, fp io.Writer, fx *fixedHours, staff []string, from, to time.Time) (int, error) {
	var clients, rooms []string
	for _, c := range pw.inst.Clients {
		clients = append(clients, c.ID)
	}
	roomOf := map[string][]string{} // room → the clinicians who see clients in it
	for k, r := range pw.clinicianRoom {
		rooms = appendNew(rooms, r)
		roomOf[r] = append(roomOf[r], k)
	}
	slices.Sort(rooms)
	list, err := (&TherapySessionService{s: s}).involving(ctx, tx, staff, clients, rooms)
	if err != nil {
		return 0, err
	}
	loc := pw.program.Location()
	planned := map[string]bool{}
	for _, c := range clients {
		planned[c] = true
	}
	n := 0
	for _, se := range list {
		if se.programID == pw.program.ID {
			continue
		}
		occ := se.occurrences(from, to)
		if len(occ) == 0 {
			continue
		}
		fmt.Fprintf(fp, "fixed|%s|%s|%v|%v|%v|%v|%s\n", se.id, se.clientID, se.clinicians, se.ds.Recurrence,
			se.ds.Cancelled, se.ds.Moves, se.room)
		for _, m := range se.roster {
			fmt.Fprintf(fp, " %s|%s|%s\n", m.ClientID, m.From, m.Until)
		}
		for _, o := range occ {
			fx.add(o, loc)
			n++
			if o.s.Room == "" {
				continue
			}
			for _, k := range roomOf[o.s.Room] {
				if !slices.Contains(o.se.clinicians, k) {
					fx.busy[k] = append(fx.busy[k], slotsOf(o.s.Start, o.s.Minutes, loc)...)
				}
			}
		}
	}
	return n, nil
}
