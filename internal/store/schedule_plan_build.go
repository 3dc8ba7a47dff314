package store

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
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
	existing map[string][]occurrence
	// leftOut are the program's clients the plan does not place; fixed counts the bookings it
	// keeps as they are; clinicianRoom is the room each clinician sees clients in.
	leftOut       []carepath.SchedulePlanLeftOut
	fixed         int
	elsewhere     map[string]int // clinician → clients seen outside the plan
	maxClients    map[string]int // clinician → their whole caseload limit
	clinicianRoom map[string]string
	fingerprint   string
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

// buildWeek reads a program's week and builds its instance and current assignment. The
// clients it plans are those with an open episode at the program's level; everything else
// that keeps the program's clinicians and clients busy that week (their bookings in other
// programs, the sessions of clients it leaves out, family and medication sessions) is fixed:
// those hours are taken out of everyone's availability, and the clinicians' caseloads count
// the clients they see there.
func buildWeek(ctx context.Context, s *Store, tx *sql.Tx, p *carepath.Program, week delivery.ISOWeek, without []string) (*plannedWeek, error) {
	loc := p.Location()
	pw := &plannedWeek{program: p, week: week, monday: week.Monday(), groups: map[string]*series{},
		groupName: map[string]string{}, staffName: map[string]string{}, availSet: map[string]bool{},
		existing: map[string][]occurrence{}, clinicianRoom: map[string]string{}, elsewhere: map[string]int{}, maxClients: map[string]int{}}
	from, to := pw.monday.Midnight(loc), pw.monday.AddDays(7).Midnight(loc)
	prevFrom := pw.monday.AddDays(-7).Midnight(loc)
	fp := sha256.New()
	inst := &schedule.Instance{Weights: planWeights, TargetGroupSize: planTargetGroupSize}
	pw.inst = inst
	if err := pw.readClients(ctx, s, tx, fp); err != nil {
		return nil, err
	}
	inProgram := map[string]bool{}
	for _, c := range inst.Clients {
		inProgram[c.ID] = true
	}
	list, err := newSeriesLoader(s, tx).load(ctx, "program_id = $1", []any{p.ID}, "program_id = $1", []any{p.ID})
	if err != nil {
		return nil, err
	}
	slotSet := map[string]bool{}
	staffIDs := []string{}
	fx := newFixedHours()
	var sessionsW, sessionsPrev []occurrence
	for _, se := range list {
		fmt.Fprintf(fp, "%s|%s|%v|%v|%v|%v\n", se.id, se.clientID, se.clinicians, se.ds.Recurrence, se.ds.Cancelled, se.ds.Moves)
		for _, m := range se.roster {
			fmt.Fprintf(fp, " %s|%s|%s\n", m.ClientID, m.From, m.Until)
		}
		if se.kind != delivery.KindGroup {
			for _, o := range se.occurrences(from, to) {
				if se.kind == delivery.KindIndividual && inProgram[se.clientID] {
					sessionsW = append(sessionsW, o)
					continue
				}
				// A family or medication session, or any session of a client the plan leaves
				// out, keeps its client and clinician busy.
				fx.add(o, loc)
				pw.fixed++
			}
			for _, o := range se.occurrences(prevFrom, from) {
				if se.kind == delivery.KindIndividual && inProgram[se.clientID] {
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
		// Members the plan does not place keep their seats.
		for _, c := range se.roster.MembersOn(pw.monday) {
			if !inProgram[c] {
				capacity--
			}
		}
		g := schedule.Group{ID: se.id, Slots: slots, Capacity: max(capacity, 0)}
		if len(se.clinicians) > 0 {
			g.Facilitator = se.clinicians[0]
			for _, k := range se.clinicians[1:] {
				fx.busy[k] = append(fx.busy[k], slots...)
			}
		}
		staffIDs = appendNew(staffIDs, se.clinicians...)
		inst.Groups = append(inst.Groups, g)
		for _, x := range slots {
			slotSet[x] = true
		}
	}
	for i := range inst.Clients {
		c := &inst.Clients[i]
		if c.CurrentClinician != "" {
			staffIDs = appendNew(staffIDs, c.CurrentClinician)
		}
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
		staffIDs = appendNew(staffIDs, o.se.clinicians...)
		if k := o.se.clinicians; len(k) > 0 && o.se.room != "" && o.se.modality != "telehealth" {
			pw.clinicianRoom[k[0]] = cmp.Or(pw.clinicianRoom[k[0]], o.se.room)
		}
	}
	slices.Sort(staffIDs)

	// The week's bookings elsewhere: the clinicians', the clients' and their rooms'.
	n, err := pw.readFixed(ctx, s, tx, fp, fx, staffIDs, from, to)
	if err != nil {
		return nil, err
	}
	pw.fixed += n

	// Clinicians: facilitators, primary clinicians and session clinicians; a staff member who
	// is not a clinician facilitates but sees nobody individually; a disabled one has left.
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
		k := schedule.Clinician{ID: id, MaxClients: max(a.MaxClients-len(fx.caseload[id]), 0)}
		pw.elsewhere[id] = len(fx.caseload[id])
		for _, x := range a.Slots {
			if !slices.Contains(fx.busy[id], x) {
				k.Available = append(k.Available, x)
			}
			slotSet[x] = true
		}
		if carepath.Role(role) != carepath.RoleClinician {
			k.MaxClients = 0
		} else {
			pw.maxClients[id] = a.MaxClients
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

	// Hour slots, the clients without recorded availability, and the groups' level.
	for x := range slotSet {
		inst.HourSlots = append(inst.HourSlots, x)
	}
	inst.HourSlots = carepath.SortSlots(inst.HourSlots)
	for i := range inst.Clients {
		c := &inst.Clients[i]
		if !known[c.CurrentClinician] {
			c.CurrentClinician = ""
		}
		if !pw.availSet[c.ID] {
			c.Available = slices.Clone(inst.HourSlots)
		}
		c.Available = slices.DeleteFunc(slices.Clone(c.Available), func(x string) bool { return slices.Contains(fx.busyClient[c.ID], x) })
	}
	for i := range inst.Groups {
		inst.Groups[i].Levels = []carepath.Level{p.Level}
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
		pw.existing[o.se.clientID] = append(pw.existing[o.se.clientID], o)
	}
	seen := map[string]bool{}
	for _, list := range [][]occurrence{sessionsW, sessionsPrev} {
		for _, o := range list {
			c := o.se.clientID
			if seen[c] || len(o.se.clinicians) == 0 || !known[o.se.clinicians[0]] {
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

// readClients reads the program's clients with an open episode admitted by the week's
// Sunday: those at the program's level go into the instance; the others (stepped down or
// up, but not yet discharged or transferred out) are left out, with the reason.
func (pw *plannedWeek) readClients(ctx context.Context, s *Store, tx *sql.Tx, fp io.Writer) error {
	p := pw.program
	rows, err := tx.QueryContext(ctx, `SELECT e.client_id, e.level, c.primary_clinician_id
		FROM episodes e JOIN clients c ON c.id = e.client_id
		WHERE e.program_id = $1 AND e.status = 'open' AND e.admitted_on <= $2 ORDER BY e.client_id`, p.ID, pw.monday.AddDays(6).String())
	if err != nil {
		return fmt.Errorf("select clients: %w", s.translate(err))
	}
	defer rows.Close()
	required := int(math.Round(p.MinHoursPerWeek * 60))
	for rows.Next() {
		var c schedule.Client
		if err := rows.Scan(&c.ID, &c.Level, &c.CurrentClinician); err != nil {
			return fmt.Errorf("scan client: %w", err)
		}
		fmt.Fprintf(fp, "client|%s|%s|%s\n", c.ID, c.CurrentClinician, c.Level)
		if c.Level != p.Level {
			pw.leftOut = append(pw.leftOut, carepath.SchedulePlanLeftOut{ClientID: c.ID, Level: c.Level,
				Reason: fmt.Sprintf("Now at %s: this program's groups are for %s. Their bookings stay as they are.",
					c.Level.Name(), p.Level.Name())})
			continue
		}
		c.GroupMinutesRequired, c.IndividualSessionsRequired = required, 1
		pw.inst.Clients = append(pw.inst.Clients, c)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("select clients: %w", s.translate(err))
	}
	return nil
}

// groupNameOf reads a group's name.
func groupNameOf(ctx context.Context, tx *sql.Tx, id string) string {
	var name string
	if err := tx.QueryRowContext(ctx, `SELECT name FROM groups WHERE id = $1`, id).Scan(&name); err != nil {
		return "Group"
	}
	return name
}
