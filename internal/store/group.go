package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/delivery"
	"github.com/google/uuid"
)

// GroupService stores a program's groups and their dated rosters. Every call goes through
// the chokepoint; roster changes are audited with the client's id.
type GroupService struct {
	s *Store
}

var _ carepath.GroupService = (*GroupService)(nil)

// NewGroupService returns the group service of s.
func NewGroupService(s *Store) *GroupService { return &GroupService{s: s} }

const groupColumns = `id, program_id, name, type, capacity, facilitator_ids, days, start_time, minutes, start_date,
	end_date, modality, room, meeting_link, created_at`

// recurrence checks and builds a weekly recurrence from its API fields, adding field errors
// named days, start_time, minutes, start_date and end_date to errs.
func recurrence(errs *carepath.FieldErrors, days []string, start string, minutes int, from, until string) delivery.Weekly {
	w := delivery.Weekly{Minutes: minutes}
	for _, d := range days {
		i := slices.Index(dayNames, strings.ToLower(strings.TrimSpace(d)))
		if i < 0 {
			errs.Add("days", "format", "Days are mon, tue, wed, thu, fri, sat or sun.")
			return w
		}
		if !slices.Contains(w.Days, time.Weekday(i)) {
			w.Days = append(w.Days, time.Weekday(i))
		}
	}
	slices.Sort(w.Days)
	if c, err := delivery.ParseClock("start_time", start); err != nil {
		*errs = append(*errs, carepath.ErrorFields(err)...)
	} else {
		w.Start = c
	}
	if d, err := delivery.ParseDate("start_date", from); err != nil {
		*errs = append(*errs, carepath.ErrorFields(err)...)
	} else {
		w.From = d
	}
	if until != "" {
		if d, err := delivery.ParseDate("end_date", until); err != nil {
			*errs = append(*errs, carepath.ErrorFields(err)...)
		} else {
			w.Until = d
		}
	}
	if err := w.Validate(); err != nil {
		names := map[string]string{"days": "days", "start": "start_time", "minutes": "minutes", "from": "start_date", "until": "end_date"}
		for _, f := range carepath.ErrorFields(err) {
			if hasField(*errs, names[f.Field]) {
				continue
			}
			f.Field = names[f.Field]
			*errs = append(*errs, f)
		}
	}
	return w
}

// daysText stores a recurrence's days as "mon,wed,fri".
func daysText(w delivery.Weekly) string {
	names := make([]string, len(w.Days))
	for i, d := range w.Days {
		names[i] = dayNames[d]
	}
	return strings.Join(names, ",")
}

// maxFacilitators bounds a group's facilitators: each is looked up, and each adds a condition
// to the conflict check's query.
const maxFacilitators = 20

// CreateGroup checks and stores a group. EINVALID names the fields (program_id and
// facilitator_ids[i] when unknown); EFORBIDDEN for roles that may not schedule.
func (svc *GroupService) CreateGroup(ctx context.Context, in carepath.GroupCreate) (*carepath.Group, error) {
	var dg delivery.Group
	validate := func() error {
		var errs carepath.FieldErrors
		if in.Modality == "" {
			in.Modality = "in_person"
		}
		if in.Modality != "in_person" && in.Modality != "telehealth" {
			errs.Add("modality", "format", "A group meets in_person or by telehealth.")
		}
		w := recurrence(&errs, in.Days, in.StartTime, in.Minutes, in.StartDate, in.EndDate)
		dg = delivery.Group{Name: in.Name, Type: delivery.GroupType(in.Type), FacilitatorIDs: in.FacilitatorIDs,
			Capacity: in.Capacity, Series: delivery.Series{ID: "new", Recurrence: w}, Telehealth: in.Modality == "telehealth",
			Room: strings.TrimSpace(in.Room), MeetingLink: strings.TrimSpace(in.MeetingLink)}
		if err := dg.Validate(); err != nil {
			for _, f := range carepath.ErrorFields(err) {
				if !strings.HasPrefix(f.Field, "recurrence.") {
					errs = append(errs, f)
				}
			}
		}
		if len(in.FacilitatorIDs) > maxFacilitators {
			errs.Add("facilitator_ids", "too_many", "Please name at most %d facilitators.", maxFacilitators)
		}
		if wellFormedID(in.ProgramID) == "" {
			errs.Add("program_id", "unknown", "There is no such program.")
		}
		return errs.Err()
	}
	g := &carepath.Group{}
	o := op{record: access.Group, action: access.Create, validate: validate, detail: "program_id=" + wellFormedID(in.ProgramID)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var errs carepath.FieldErrors
		if _, err := readProgram(ctx, svc.s, tx, in.ProgramID); carepath.ErrorCode(err) == carepath.ENOTFOUND {
			errs.Add("program_id", "unknown", "There is no such program.")
		} else if err != nil {
			return nil, err
		}
		if err := checkStaff(ctx, svc.s, tx, &errs, "facilitator_ids", dg.FacilitatorIDs, true); err != nil {
			return nil, err
		}
		if err := errs.Err(); err != nil {
			return nil, err
		}
		id, err := uuid.NewV7()
		if err != nil {
			return nil, fmt.Errorf("new id: %w", err)
		}
		w := dg.Series.Recurrence
		if err := svc.checkConflicts(ctx, tx, id.String(), in, dg); err != nil {
			return nil, err
		}
		g = &carepath.Group{ID: id.String(), ProgramID: in.ProgramID, Name: dg.Name, Type: string(dg.Type),
			Capacity: dg.Capacity, FacilitatorIDs: dg.FacilitatorIDs, Days: splitIDs(daysText(w)),
			StartTime: w.Start.String(), Minutes: w.Minutes, StartDate: w.From.String(), Modality: in.Modality,
			Members: []carepath.GroupMember{}, CreatedAt: svc.s.timestamp()}
		if !w.Until.IsZero() {
			g.EndDate = w.Until.String()
		}
		if dg.Telehealth {
			g.MeetingLink = dg.MeetingLink
		} else {
			g.Room = dg.Room
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO groups (`+groupColumns+`)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
			g.ID, g.ProgramID, g.Name, g.Type, g.Capacity, strings.Join(g.FacilitatorIDs, ","), daysText(w),
			g.StartTime, g.Minutes, g.StartDate, g.EndDate, g.Modality, g.Room, g.MeetingLink, g.CreatedAt); err != nil {
			return nil, fmt.Errorf("insert group: %w", svc.s.translate(err))
		}
		return []ref{{ID: g.ID}}, nil
	})
	if err != nil {
		return nil, err
	}
	return g, nil
}

// checkStaff adds a field error named field[i] for each id that is not an enabled staff
// member (clinical: a clinician, case manager or admin).
func checkStaff(ctx context.Context, s *Store, tx *sql.Tx, errs *carepath.FieldErrors, field string, ids []string, indexed bool) error {
	for i, id := range ids {
		name := field
		if indexed {
			name = fmt.Sprintf("%s[%d]", field, i)
		}
		if wellFormedID(id) == "" {
			errs.Add(name, "unknown", "There is no such staff member.")
			continue
		}
		var role string
		var disabled bool
		err := tx.QueryRowContext(ctx, `SELECT role, disabled FROM staff WHERE id = $1`, id).Scan(&role, &disabled)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			errs.Add(name, "unknown", "There is no such staff member.")
		case err != nil:
			return fmt.Errorf("select staff: %w", s.translate(err))
		case disabled:
			errs.Add(name, "disabled", "This staff account is disabled.")
		case role != string(carepath.RoleClinician) && role != string(carepath.RoleCaseManager) && role != string(carepath.RoleAdmin):
			errs.Add(name, "role", "Sessions are run by clinicians, case managers or admins.")
		}
	}
	return nil
}

// FindGroupByID returns a group with its roster history; ENOTFOUND when there is none. The
// roster holds the members the actor may see (access.SeesWholeRoster: the group's
// facilitators, the front desk and admins see all; anyone else their care team's), each
// audited as shown.
func (svc *GroupService) FindGroupByID(ctx context.Context, id string) (*carepath.Group, error) {
	var g *carepath.Group
	err := svc.s.do(ctx, op{record: access.Group, action: access.Read, recordID: wellFormedID(id), lists: true},
		func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
			var err error
			if g, err = svc.read(ctx, tx, id); err != nil {
				return nil, err
			}
			return svc.showRoster(ctx, tx, g)
		})
	if err != nil {
		return nil, err
	}
	return g, nil
}

// FindGroups lists a program's groups by name, with the rosters the actor may see (as
// FindGroupByID), each member shown audited.
func (svc *GroupService) FindGroups(ctx context.Context, programID string) ([]*carepath.Group, error) {
	list := []*carepath.Group{}
	err := svc.s.do(ctx, op{record: access.Group, action: access.List, detail: "program_id=" + wellFormedID(programID), lists: true},
		func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
			rows, err := tx.QueryContext(ctx, `SELECT id FROM groups WHERE program_id = $1 ORDER BY lower(name), id`, programID)
			if err != nil {
				return nil, fmt.Errorf("select groups: %w", svc.s.translate(err))
			}
			var ids []string
			for rows.Next() {
				var id string
				if err := rows.Scan(&id); err != nil {
					rows.Close()
					return nil, err
				}
				ids = append(ids, id)
			}
			rows.Close()
			var shown []ref
			for _, id := range ids {
				g, err := svc.read(ctx, tx, id)
				if err != nil {
					return nil, err
				}
				refs, err := svc.showRoster(ctx, tx, g)
				if err != nil {
					return nil, err
				}
				list = append(list, g)
				shown = append(shown, refs...)
			}
			return shown, nil
		})
	if err != nil {
		return nil, err
	}
	return list, nil
}

func (svc *GroupService) read(ctx context.Context, tx *sql.Tx, id string) (*carepath.Group, error) {
	var g carepath.Group
	var facilitators, days string
	err := tx.QueryRowContext(ctx, `SELECT `+groupColumns+` FROM groups WHERE id = $1`, id).Scan(&g.ID, &g.ProgramID,
		&g.Name, &g.Type, &g.Capacity, &facilitators, &days, &g.StartTime, &g.Minutes, &g.StartDate, &g.EndDate,
		&g.Modality, &g.Room, &g.MeetingLink, &g.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, carepath.Errorf(carepath.ENOTFOUND, "There is no such group.")
	}
	if err != nil {
		return nil, fmt.Errorf("select group: %w", svc.s.translate(err))
	}
	g.FacilitatorIDs, g.Days, g.CreatedAt = splitIDs(facilitators), splitIDs(days), g.CreatedAt.UTC()
	g.Members = []carepath.GroupMember{}
	rows, err := tx.QueryContext(ctx, `SELECT client_id, from_date, until_date FROM group_members WHERE group_id = $1
		ORDER BY from_date, client_id`, id)
	if err != nil {
		return nil, fmt.Errorf("select members: %w", svc.s.translate(err))
	}
	defer rows.Close()
	for rows.Next() {
		var m carepath.GroupMember
		var until sql.NullString
		if err := rows.Scan(&m.ClientID, &m.From, &until); err != nil {
			return nil, fmt.Errorf("scan member: %w", err)
		}
		m.Until = until.String
		g.Members = append(g.Members, m)
	}
	return &g, rows.Err()
}

// roster reads a group's roster as delivery needs it.
func rosterOf(g *carepath.Group) delivery.Roster {
	r := make(delivery.Roster, len(g.Members))
	for i, m := range g.Members {
		r[i] = delivery.Membership{ClientID: m.ClientID, From: delivery.MustDate(m.From)}
		if m.Until != "" {
			r[i].Until = delivery.MustDate(m.Until)
		}
	}
	return r
}

// AddGroupMember puts a client on the roster from a date. EINVALID names client_id (unknown
// or not visible) or from; ECONFLICT when the client is already on the roster then, or naming
// capacity when the roster would then exceed the group's capacity.
func (svc *GroupService) AddGroupMember(ctx context.Context, groupID, clientID, from string) (*carepath.Group, error) {
	return svc.changeRoster(ctx, access.Update, groupID, clientID, "from", from, nil, func(tx *sql.Tx, g *carepath.Group, d delivery.Date) error {
		return svc.addMember(ctx, tx, g, clientID, d, "")
	})
}

// AddGroupMemberOverCapacity adds a client beyond the group's capacity, with an admin's
// reason, kept in group_capacity_overrides.
func (svc *GroupService) AddGroupMemberOverCapacity(ctx context.Context, groupID, clientID, from, reason string) (*carepath.Group, error) {
	reason = strings.TrimSpace(reason)
	check := func(errs *carepath.FieldErrors) {
		switch {
		case reason == "":
			errs.Add("reason", "required", "Please give the reason this group may go over its capacity.")
		case utf8.RuneCountInString(reason) > 500:
			errs.Add("reason", "too_long", "Please keep the reason under 500 characters.")
		}
	}
	return svc.changeRoster(ctx, access.Override, groupID, clientID, "from", from, check, func(tx *sql.Tx, g *carepath.Group, d delivery.Date) error {
		return svc.addMember(ctx, tx, g, clientID, d, reason)
	})
}

// addMember adds clientID to g's roster from d; over the capacity it needs a reason, which is
// recorded as an override.
func (svc *GroupService) addMember(ctx context.Context, tx *sql.Tx, g *carepath.Group, clientID string, d delivery.Date, reason string) error {
	r := rosterOf(g)
	if err := r.Add(clientID, d); err != nil {
		return err
	}
	capacity := g.Capacity
	if capacity <= 0 {
		capacity = delivery.DefaultCaps[delivery.GroupType(g.Type)]
	}
	if most := r.MostFrom(d); capacity > 0 && most > capacity {
		if reason == "" {
			return &carepath.Error{Code: carepath.ECONFLICT, Message: "The group is full",
				Fields: []carepath.FieldError{{Field: "capacity", Code: "full",
					Message: fmt.Sprintf("This group holds %d; with this client it would reach %d. An admin may add them anyway, giving the reason.", capacity, most)}}}
		}
		id, err := uuid.NewV7()
		if err != nil {
			return fmt.Errorf("new id: %w", err)
		}
		actor, _ := carepath.ActorFrom(ctx)
		if _, err := tx.ExecContext(ctx, `INSERT INTO group_capacity_overrides (id, group_id, client_id, from_date, capacity, members, reason, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, id.String(), g.ID, clientID, d.String(), capacity, most, reason, actor.ID, svc.s.timestamp()); err != nil {
			return fmt.Errorf("insert capacity override: %w", svc.s.translate(err))
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO group_members (group_id, client_id, from_date, until_date)
		VALUES ($1, $2, $3, NULL)`, g.ID, clientID, d.String()); err != nil {
		return fmt.Errorf("insert member: %w", svc.s.translate(err))
	}
	return nil
}

// EndGroupMember takes a client off the roster from the date on. ENOTFOUND when the client
// is not on the roster then; EINVALID naming on when on is before they joined.
func (svc *GroupService) EndGroupMember(ctx context.Context, groupID, clientID, on string) (*carepath.Group, error) {
	return svc.changeRoster(ctx, access.Update, groupID, clientID, "on", on, nil, func(tx *sql.Tx, g *carepath.Group, d delivery.Date) error {
		r := rosterOf(g)
		before := slices.Clone(r)
		if err := r.Remove(clientID, d); err != nil {
			if f := carepath.ErrorFields(err); len(f) > 0 {
				f[0].Field = "on"
			}
			return err
		}
		for i := range r {
			if r[i] != before[i] {
				if _, err := tx.ExecContext(ctx, `UPDATE group_members SET until_date = $1 WHERE group_id = $2
					AND client_id = $3 AND from_date = $4`, d.String(), g.ID, clientID, r[i].From.String()); err != nil {
					return fmt.Errorf("update member: %w", svc.s.translate(err))
				}
			}
		}
		return nil
	})
}

func (svc *GroupService) changeRoster(ctx context.Context, action access.Action, groupID, clientID, field, date string,
	check func(*carepath.FieldErrors), change func(tx *sql.Tx, g *carepath.Group, d delivery.Date) error) (*carepath.Group, error) {
	var d delivery.Date
	validate := func() error {
		var errs carepath.FieldErrors
		if check != nil {
			check(&errs)
		}
		if wellFormedID(clientID) == "" {
			errs.Add("client_id", "unknown", "There is no such client.")
		}
		var err error
		if d, err = delivery.ParseDate(field, date); err != nil {
			errs = append(errs, carepath.ErrorFields(err)...)
		}
		return errs.Err()
	}
	var g *carepath.Group
	o := op{record: access.Group, action: action, recordID: wellFormedID(groupID), clientID: wellFormedID(clientID), validate: validate}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var err error
		if g, err = svc.read(ctx, tx, groupID); err != nil {
			return nil, err
		}
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			if carepath.ErrorCode(hideDenial(err)) == carepath.ENOTFOUND {
				return nil, &carepath.Error{Code: carepath.EINVALID, Message: "Please check the request",
					Fields: []carepath.FieldError{{Field: "client_id", Code: "unknown", Message: "There is no such client."}}}
			}
			return nil, err
		}
		if err := change(tx, g, d); err != nil {
			return nil, err
		}
		if g, err = svc.read(ctx, tx, groupID); err != nil {
			return nil, err
		}
		if _, err := svc.showRoster(ctx, tx, g); err != nil {
			return nil, err
		}
		return []ref{{ID: g.ID, ClientID: clientID}}, nil
	})
	if err != nil {
		return nil, err
	}
	return g, nil
}

// hasField reports whether errs already names field.
func hasField(errs carepath.FieldErrors, field string) bool {
	return slices.ContainsFunc(errs, func(f carepath.FieldError) bool { return f.Field == field })
}

// checkConflicts refuses a new group whose sessions (over its dates, or a year when it has no
// end date) double-book a facilitator or its room; ECONFLICT names facilitator_ids or room.
func (svc *GroupService) checkConflicts(ctx context.Context, tx *sql.Tx, id string, in carepath.GroupCreate, dg delivery.Group) error {
	p, err := readProgram(ctx, svc.s, tx, in.ProgramID)
	if err != nil {
		return err
	}
	w := dg.Series.Recurrence
	se := &series{id: id, programID: p.ID, kind: delivery.KindGroup, groupType: dg.Type, program: p, loc: p.Location(),
		ds: delivery.Series{ID: id, Recurrence: w}, clinicians: dg.FacilitatorIDs, modality: in.Modality, room: dg.Room}
	from := w.From.Midnight(se.loc)
	to := from.Add(conflictHorizon)
	if !w.Until.IsZero() {
		to = w.Until.AddDays(1).Midnight(se.loc)
	}
	return (&TherapySessionService{s: svc.s}).checkConflicts(ctx, tx, se.occurrences(from, to))
}
