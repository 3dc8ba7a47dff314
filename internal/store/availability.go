package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// AvailabilityService records clients' and clinicians' weekly availability as hour slots.
// A client's goes through the care-team check (access.CanSeeClient) and is audited with the
// client's id; a clinician's is kept with the staff account, for admin.
type AvailabilityService struct {
	s *Store
}

var _ carepath.AvailabilityService = (*AvailabilityService)(nil)

// NewAvailabilityService returns the availability service of s.
func NewAvailabilityService(s *Store) *AvailabilityService { return &AvailabilityService{s: s} }

// FindClientAvailability returns a client's weekly availability; Set is false when none is
// recorded. ENOTFOUND when the client does not exist or is outside the care team.
func (svc *AvailabilityService) FindClientAvailability(ctx context.Context, clientID string) (*carepath.ClientAvailability, error) {
	var out *carepath.ClientAvailability
	o := op{record: access.Availability, action: access.Read, recordID: wellFormedID(clientID), clientID: wellFormedID(clientID)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		var err error
		out, err = readClientAvailability(ctx, svc.s, tx, clientID)
		return []ref{{ID: clientID, ClientID: clientID}}, err
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return out, nil
}

// readClientAvailability reads a client's availability row (Set false when there is none).
func readClientAvailability(ctx context.Context, s *Store, tx *sql.Tx, clientID string) (*carepath.ClientAvailability, error) {
	a := &carepath.ClientAvailability{ClientID: clientID, Slots: []string{}}
	var slots string
	err := tx.QueryRowContext(ctx, `SELECT slots, updated_at FROM client_availability WHERE client_id = $1`, clientID).
		Scan(&slots, &a.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return a, nil
	}
	if err != nil {
		return nil, fmt.Errorf("select client availability: %w", s.translate(err))
	}
	a.Set, a.Slots, a.UpdatedAt = true, slotList(slots), a.UpdatedAt.UTC()
	return a, nil
}

// SetClientAvailability records a client's weekly availability (an empty list records that
// the client is available at no time). EINVALID names slots[i]; ENOTFOUND when the client
// does not exist or is outside the care team.
func (svc *AvailabilityService) SetClientAvailability(ctx context.Context, clientID string, slots []string) (*carepath.ClientAvailability, error) {
	in := carepath.ClientAvailability{ClientID: clientID, Slots: slots}
	var out *carepath.ClientAvailability
	o := op{record: access.Availability, action: access.Update, recordID: wellFormedID(clientID), clientID: wellFormedID(clientID),
		validate: in.Validate}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID); err != nil {
			return nil, err
		}
		actor, _ := carepath.ActorFrom(ctx)
		now := svc.s.timestamp()
		text := strings.Join(carepath.SortSlots(slots), ",")
		if _, err := tx.ExecContext(ctx, `DELETE FROM client_availability WHERE client_id = $1`, clientID); err != nil {
			return nil, fmt.Errorf("delete client availability: %w", svc.s.translate(err))
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO client_availability (client_id, slots, updated_by, updated_at)
			VALUES ($1, $2, $3, $4)`, clientID, text, actor.ID, now); err != nil {
			return nil, fmt.Errorf("insert client availability: %w", svc.s.translate(err))
		}
		out = &carepath.ClientAvailability{ClientID: clientID, Set: true, Slots: slotList(text), UpdatedAt: now}
		return []ref{{ID: clientID, ClientID: clientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return out, nil
}

// FindClinicianAvailability returns a staff member's availability and caseload limit; Set is
// false (and MaxClients the default) when none is recorded. ENOTFOUND when there is no such
// staff member.
func (svc *AvailabilityService) FindClinicianAvailability(ctx context.Context, staffID string) (*carepath.ClinicianAvailability, error) {
	var out *carepath.ClinicianAvailability
	o := op{record: access.Staff, action: access.Read, recordID: wellFormedID(staffID), detail: "availability"}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&StaffService{s: svc.s}).byID(ctx, tx, staffID); err != nil {
			return nil, err
		}
		m, err := readClinicianAvailability(ctx, svc.s, tx, []string{staffID})
		out = m[staffID]
		return []ref{{ID: staffID}}, err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// readClinicianAvailability reads the availability of the given staff members, one entry
// each (the defaults when none is recorded).
func readClinicianAvailability(ctx context.Context, s *Store, tx *sql.Tx, ids []string) (map[string]*carepath.ClinicianAvailability, error) {
	out := make(map[string]*carepath.ClinicianAvailability, len(ids))
	for _, id := range ids {
		out[id] = &carepath.ClinicianAvailability{StaffID: id, Slots: carepath.DefaultClinicianSlots(),
			MaxClients: carepath.DefaultMaxClients}
	}
	for start := 0; start < len(ids); start += 500 {
		chunk := make([]any, 0, 500)
		for _, id := range ids[start:min(start+500, len(ids))] {
			chunk = append(chunk, id)
		}
		rows, err := tx.QueryContext(ctx, `SELECT staff_id, slots, max_clients, updated_at FROM clinician_availability
			WHERE staff_id IN (`+placeholders(1, len(chunk))+`)`, chunk...)
		if err != nil {
			return nil, fmt.Errorf("select clinician availability: %w", s.translate(err))
		}
		for rows.Next() {
			a := &carepath.ClinicianAvailability{Set: true}
			var slots string
			if err := rows.Scan(&a.StaffID, &slots, &a.MaxClients, &a.UpdatedAt); err != nil {
				rows.Close()
				return nil, fmt.Errorf("scan clinician availability: %w", err)
			}
			a.Slots, a.UpdatedAt = slotList(slots), a.UpdatedAt.UTC()
			out[a.StaffID] = a
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("select clinician availability: %w", s.translate(err))
		}
	}
	return out, nil
}

// SetClinicianAvailability records a staff member's availability and caseload limit.
// EINVALID names slots[i] or max_clients; ENOTFOUND when there is no such staff member.
func (svc *AvailabilityService) SetClinicianAvailability(ctx context.Context, a carepath.ClinicianAvailability) (*carepath.ClinicianAvailability, error) {
	var out *carepath.ClinicianAvailability
	o := op{record: access.Staff, action: access.Update, recordID: wellFormedID(a.StaffID), detail: "availability", validate: a.Validate}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if _, err := (&StaffService{s: svc.s}).byID(ctx, tx, a.StaffID); err != nil {
			return nil, err
		}
		actor, _ := carepath.ActorFrom(ctx)
		now := svc.s.timestamp()
		text := strings.Join(carepath.SortSlots(a.Slots), ",")
		if _, err := tx.ExecContext(ctx, `DELETE FROM clinician_availability WHERE staff_id = $1`, a.StaffID); err != nil {
			return nil, fmt.Errorf("delete clinician availability: %w", svc.s.translate(err))
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO clinician_availability (staff_id, slots, max_clients, updated_by, updated_at)
			VALUES ($1, $2, $3, $4, $5)`, a.StaffID, text, a.MaxClients, actor.ID, now); err != nil {
			return nil, fmt.Errorf("insert clinician availability: %w", svc.s.translate(err))
		}
		out = &carepath.ClinicianAvailability{StaffID: a.StaffID, Set: true, Slots: slotList(text),
			MaxClients: a.MaxClients, UpdatedAt: now}
		return []ref{{ID: a.StaffID}}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// slotList splits a stored comma-separated list of hour slots; never nil.
func slotList(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}
