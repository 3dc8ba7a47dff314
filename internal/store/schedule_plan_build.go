package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/delivery"
	"github.com/carepath/carepath/schedule"
)

// Planning defaults. The weights are schedule.DefaultWeights (a group minute 1, an individual
// session 60, a client keeping their therapist 120, a member beyond the target size −30) and
// the target group size is 8: process groups work best at 6–10 people and cap at 10, so 8
// leaves room without crowding. Stability rewards keeping each membership,
// therapist and session slot of the current week (so a plan moves people only for a reason),
// and Fairness spreads a departing clinician's clients (see schedule.Options).
const (
	planTargetGroupSize = 8
	planStability       = 25
	planFairness        = 10
	planTimeLimit       = 3 * time.Second
)

// planWeights are the objective's weights.
var planWeights = schedule.DefaultWeights

// uncappedGroup is the capacity given to the solver for a group whose type has no cap.
const uncappedGroup = 100

// plannedWeek is everything the planner reads for one program's week: the instance, the
// current assignment (prev), and what apply and the proposal page need to map slots back to
// dates and series.
type plannedWeek struct {
	program   *carepath.Program
	week      delivery.ISOWeek
	monday    delivery.Date
	inst      *schedule.Instance // all clinicians; see without
	prev      *schedule.Solution
	gone      []string // clinicians away or left (asked for, or disabled accounts)
	groups    map[string]*series
	groupName map[string]string
	staffName map[string]string
	availSet  map[string]bool
	// existing are the individual-session occurrences of the program's clients in the week,
	// by client.
	existing    map[string][]occurrence
	fingerprint string
}

// slotOf names the hour slot t starts in, in loc.
func slotOf(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return fmt.Sprintf("%s-%02d", dayNames[t.Weekday()], t.Hour())
}

// slotsOf lists the hour slots an occurrence [start, start+minutes) touches.
func slotsOf(start time.Time, minutes int, loc *time.Location) []string {
	end := start.Add(time.Duration(minutes) * time.Minute)
	t := start.In(loc).Truncate(time.Hour)
	var out []string
	for ; t.Before(end); t = t.Add(time.Hour) {
		out = append(out, slotOf(t, loc))
	}
	return out
}

// slotDate returns the date of slot's day in the week starting monday, and the start time.
func slotDate(monday delivery.Date, slot string) (delivery.Date, string) {
	d := slices.Index(carepath.SlotDays, slot[:3])
	return monday.AddDays(d), slot[4:] + ":00"
}

// buildWeek reads a program's week and builds its instance and current assignment.
func buildWeek(ctx context.Context, s *Store, tx *sql.Tx, p *carepath.Program, week delivery.ISOWeek, without []string) (*plannedWeek, error) {
	loc := p.Location()
	pw := &plannedWeek{program: p, week: week, monday: week.Monday(), groups: map[string]*series{},
		groupName: map[string]string{}, staffName: map[string]string{}, availSet: map[string]bool{},
		existing: map[string][]occurrence{}}
	from, to := pw.monday.Midnight(loc), pw.monday.AddDays(7).Midnight(loc)
	prevFrom := pw.monday.AddDays(-7).Midnight(loc)
	list, err := newSeriesLoader(s, tx).load(ctx, "program_id = $1", []any{p.ID}, "program_id = $1", []any{p.ID})
	if err != nil {
		return nil, err
	}
	fp := sha256.New()
	slotSet := map[string]bool{}
	inst := &schedule.Instance{Weights: planWeights, TargetGroupSize: planTargetGroupSize}
	pw.inst = inst
	staffIDs := []string{}
	busy := map[string][]string{}       // co-facilitators' group slots, clinicians' other sessions
	busyClient := map[string][]string{} // clients' family and medication sessions
	var sessionsW, sessionsPrev []occurrence
	for _, se := range list {
		fmt.Fprintf(fp, "%s|%s|%v|%v|%v|%v\n", se.id, se.clientID, se.clinicians, se.ds.Recurrence, se.ds.Cancelled, se.ds.Moves)
		for _, m := range se.roster {
			fmt.Fprintf(fp, " %s|%s|%s\n", m.ClientID, m.From, m.Until)
		}
		if se.kind != delivery.KindGroup {
			for _, o := range se.occurrences(from, to) {
				if se.kind == delivery.KindIndividual {
					sessionsW = append(sessionsW, o)
					continue
				}
				// A family or medication session keeps its client and clinician busy.
				for _, x := range slotsOf(o.s.Start, o.s.Minutes, loc) {
					busyClient[se.clientID] = append(busyClient[se.clientID], x)
					for _, k := range se.clinicians {
						busy[k] = append(busy[k], x)
					}
				}
			}
			for _, o := range se.occurrences(prevFrom, from) {
				if se.kind == delivery.KindIndividual {
					sessionsPrev = append(sessionsPrev, o)
				}
			}
			continue
		}
		var slots []string
		for _, o := range se.occurrences(from, to) {
			for _, x := range slotsOf(o.s.Start, o.s.Minutes, loc) {
				if !slices.Contains(slots, x) {
					slots = append(slots, x)
				}
			}
		}
		if len(slots) == 0 {
			continue
		}
		slots = carepath.SortSlots(slots)
		pw.groups[se.id] = se
		capacity := (&delivery.Group{Type: se.groupType, Capacity: se.capacity}).Cap()
		if capacity == 0 {
			capacity = uncappedGroup
		}
		g := schedule.Group{ID: se.id, Slots: slots, Capacity: capacity}
		if len(se.clinicians) > 0 {
			g.Facilitator = se.clinicians[0]
			for _, k := range se.clinicians[1:] {
				busy[k] = append(busy[k], slots...)
			}
		}
		staffIDs = appendNew(staffIDs, se.clinicians...)
		inst.Groups = append(inst.Groups, g)
		for _, x := range slots {
			slotSet[x] = true
		}
	}

	// Clients: open episodes in the program, with their primary clinician and availability.
	rows, err := tx.QueryContext(ctx, `SELECT e.client_id, e.level, c.primary_clinician_id, c.given_name, c.family_name
		FROM episodes e JOIN clients c ON c.id = e.client_id
		WHERE e.program_id = $1 AND e.status = 'open' AND e.admitted_on <= $2 ORDER BY e.client_id`, p.ID, pw.monday.AddDays(6).String())
	if err != nil {
		return nil, fmt.Errorf("select clients: %w", s.translate(err))
	}
	required := int(math.Round(p.MinHoursPerWeek * 60))
	for rows.Next() {
		var c schedule.Client
		var given, family string
		if err := rows.Scan(&c.ID, &c.Level, &c.CurrentClinician, &given, &family); err != nil {
			rows.Close()
			return nil, fmt.Errorf("scan client: %w", err)
		}
		c.GroupMinutesRequired, c.IndividualSessionsRequired = required, 1
		if c.CurrentClinician != "" {
			staffIDs = appendNew(staffIDs, c.CurrentClinician)
		}
		inst.Clients = append(inst.Clients, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("select clients: %w", s.translate(err))
	}
	inProgram := map[string]bool{}
	for i := range inst.Clients {
		c := &inst.Clients[i]
		inProgram[c.ID] = true
		fmt.Fprintf(fp, "client|%s|%s\n", c.ID, c.CurrentClinician)
		a, err := readClientAvailability(ctx, s, tx, c.ID)
		if err != nil {
			return nil, err
		}
		if a.Set {
			pw.availSet[c.ID] = true
			c.Available = a.Slots
			for _, x := range a.Slots {
				slotSet[x] = true
			}
		}
	}
	for _, o := range append(slices.Clone(sessionsW), sessionsPrev...) {
		if inProgram[o.se.clientID] {
			staffIDs = appendNew(staffIDs, o.se.clinicians...)
		}
	}

	// Clinicians: facilitators, primary clinicians and session clinicians; a staff member who
	// is not a clinician facilitates but sees nobody individually; a disabled one has left.
	slices.Sort(staffIDs)
	avail, err := readClinicianAvailability(ctx, s, tx, staffIDs)
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, id := range staffIDs {
		var name, role string
		var disabled bool
		err := tx.QueryRowContext(ctx, `SELECT name, role, disabled FROM staff WHERE id = $1`, id).Scan(&name, &role, &disabled)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("select staff: %w", s.translate(err))
		}
		pw.staffName[id] = name
		a := avail[id]
		k := schedule.Clinician{ID: id, MaxClients: a.MaxClients}
		for _, x := range a.Slots {
			if !slices.Contains(busy[id], x) {
				k.Available = append(k.Available, x)
			}
			slotSet[x] = true
		}
		if carepath.Role(role) != carepath.RoleClinician {
			k.MaxClients = 0
		}
		fmt.Fprintf(fp, "staff|%s|%v\n", id, disabled)
		inst.Clinicians = append(inst.Clinicians, k)
		known[id] = true
		if disabled {
			pw.gone = append(pw.gone, id)
		}
	}
	for i := range inst.Groups {
		if !known[inst.Groups[i].Facilitator] {
			inst.Groups[i].Facilitator = ""
		}
	}

	// Hour slots, the clients without recorded availability, and the groups' levels.
	for x := range slotSet {
		inst.HourSlots = append(inst.HourSlots, x)
	}
	inst.HourSlots = carepath.SortSlots(inst.HourSlots)
	levels := []carepath.Level{p.Level}
	for i := range inst.Clients {
		c := &inst.Clients[i]
		if !known[c.CurrentClinician] {
			c.CurrentClinician = ""
		}
		if !pw.availSet[c.ID] {
			c.Available = slices.Clone(inst.HourSlots)
		}
		c.Available = slices.DeleteFunc(c.Available, func(x string) bool { return slices.Contains(busyClient[c.ID], x) })
		if !slices.Contains(levels, c.Level) {
			levels = append(levels, c.Level)
		}
	}
	for i := range inst.Groups {
		inst.Groups[i].Levels = levels
		pw.groupName[inst.Groups[i].ID] = groupNameOf(ctx, tx, inst.Groups[i].ID)
	}

	// The current assignment: rosters on the week's Monday, and the week's individual
	// sessions (or, for a client with none booked, last week's).
	pw.prev = &schedule.Solution{Groups: map[string][]string{}, Individual: []schedule.Session{}}
	for _, g := range inst.Groups {
		var members []string
		for _, c := range pw.groups[g.ID].roster.MembersOn(pw.monday) {
			if inProgram[c] {
				members = append(members, c)
			}
		}
		pw.prev.Groups[g.ID] = members
	}
	for _, o := range sessionsW {
		if inProgram[o.se.clientID] {
			pw.existing[o.se.clientID] = append(pw.existing[o.se.clientID], o)
		}
	}
	seen := map[string]bool{}
	for _, list := range [][]occurrence{sessionsW, sessionsPrev} {
		for _, o := range list {
			c := o.se.clientID
			if !inProgram[c] || seen[c] || len(o.se.clinicians) == 0 || !known[o.se.clinicians[0]] {
				continue
			}
			seen[c] = true
			pw.prev.Individual = append(pw.prev.Individual, schedule.Session{Client: c, Clinician: o.se.clinicians[0],
				Slot: slotOf(o.s.Start, loc)})
		}
	}
	for _, id := range without {
		if !slices.Contains(pw.gone, id) {
			pw.gone = append(pw.gone, id)
		}
	}
	sort.Strings(pw.gone)
	pw.fingerprint = hex.EncodeToString(fp.Sum(nil))
	return pw, nil
}

// groupNameOf reads a group's name.
func groupNameOf(ctx context.Context, tx *sql.Tx, id string) string {
	var name string
	if err := tx.QueryRowContext(ctx, `SELECT name FROM groups WHERE id = $1`, id).Scan(&name); err != nil {
		return "Group"
	}
	return name
}
