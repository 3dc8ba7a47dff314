package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/google/uuid"
)

// ClientService stores clients. Every call goes through the chokepoint and appends audit rows
// whose client_id is the client's id, one per client returned or written; a call that fails
// appends one row naming the client asked for. A clinician or case manager asking for a client
// outside their care team gets ENOTFOUND, and the attempt is audited as denied. Audit rows never
// hold names or other client data: a search is recorded as "search=yes", an update by the
// names of the fields it changed.
type ClientService struct {
	s *Store
}

var _ carepath.ClientService = (*ClientService)(nil)

// NewClientService returns the client service of s.
func NewClientService(s *Store) *ClientService { return &ClientService{s: s} }

// The limits of FindClients: a zero Limit means DefaultClientLimit, and no page is longer than
// MaxClientLimit.
const (
	DefaultClientLimit = 50
	MaxClientLimit     = 500
)

// errClientHidden marks the denial of a client outside the actor's care team: audited as
// denied, with the client's id, and returned as ENOTFOUND.
var errClientHidden = errors.New("client outside the care team")

// clientHidden is the cause of a hidden denial: which client was refused.
type clientHidden struct{ clientID string }

func (h clientHidden) Error() string        { return errClientHidden.Error() }
func (h clientHidden) Is(target error) bool { return target == errClientHidden }

// hiddenClient is the denial of client id, outside the actor's care team.
func hiddenClient(id string) error {
	return &carepath.Error{Code: carepath.EFORBIDDEN, Message: "You may not see this client.", Err: clientHidden{clientID: id}}
}

// hiddenClientID returns the client a hidden denial refused, "" when err is none.
func hiddenClientID(err error) string {
	var h clientHidden
	if errors.As(err, &h) {
		return h.clientID
	}
	return ""
}

func clientNotFound() error { return carepath.Errorf(carepath.ENOTFOUND, "There is no such client.") }

// hideDenial turns the denial of a client outside the care team into ENOTFOUND.
func hideDenial(err error) error {
	if errors.Is(err, errClientHidden) {
		return clientNotFound()
	}
	return err
}

// wellFormedID returns id for the audit row when it is a well-formed id, and "" otherwise, so
// whatever was typed into a URL never reaches the audit log.
func wellFormedID(id string) string {
	if _, err := uuid.Parse(id); err != nil {
		return ""
	}
	return id
}

// CreateClient validates and stores c, filling ID, Version (1), CreatedAt and UpdatedAt. Its
// care team may name only active clinicians (primary_clinician_id) and case managers or
// clinicians (case_manager_id), as a change of care team may. It returns EINVALID naming the
// fields, EUNAUTHORIZED without an actor and EFORBIDDEN for roles
// that may not create clients; a rejected call stores nothing but its audit row.
func (svc *ClientService) CreateClient(ctx context.Context, c *carepath.Client) error {
	if c == nil {
		return carepath.Errorf(carepath.EINVALID, "The client is missing.")
	}
	var stored carepath.Client
	err := svc.s.do(ctx, op{record: access.Client, action: access.Create, validate: c.Validate},
		func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
			if err := svc.s.checkNewCareTeam(ctx, tx, c); err != nil {
				return nil, err
			}
			id, err := uuid.NewV7()
			if err != nil {
				return nil, fmt.Errorf("new id: %w", err)
			}
			stored = *c
			now := svc.s.timestamp()
			stored.ID, stored.Version, stored.CreatedAt, stored.UpdatedAt = id.String(), 1, now, now
			if stored.EmailConsent {
				stored.EmailConsentAt = &now
			} else {
				stored.EmailConsentAt = nil
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO clients (`+clientColumns+`)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
				$19, $20, $21, $22, $23, $24, $25, $26)`, clientArgs(&stored)...)
			if err != nil {
				return nil, fmt.Errorf("insert client: %w", svc.s.translate(err))
			}
			return []ref{{ID: stored.ID, ClientID: stored.ID}}, nil
		})
	if err != nil {
		return err
	}
	*c = stored
	return nil
}

// FindClientByID returns the client with id. It returns ENOTFOUND when there is none and when
// the actor's care team rule hides it (audited as denied), EUNAUTHORIZED without an actor and
// EFORBIDDEN for roles that may not read clients.
func (svc *ClientService) FindClientByID(ctx context.Context, id string) (*carepath.Client, error) {
	var c *carepath.Client
	err := svc.s.do(ctx, op{record: access.Client, action: access.Read, recordID: wellFormedID(id), clientID: wellFormedID(id)},
		func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
			var err error
			if c, err = svc.readVisible(ctx, tx, id); err != nil {
				return nil, err
			}
			return []ref{{ID: c.ID, ClientID: c.ID}}, nil
		})
	if err != nil {
		return nil, hideDenial(err)
	}
	return c, nil
}

// readVisible reads the client with id in tx and applies access.CanSeeClient, and, in a call
// that only reads, access.ReadsAsFacilitator: the facilitator of a group the client is on
// reads the client's records too.
func (svc *ClientService) readVisible(ctx context.Context, tx *sql.Tx, id string) (*carepath.Client, error) {
	c, err := scanClient(tx.QueryRowContext(ctx, `SELECT `+clientColumns+` FROM clients WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, clientNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("select client: %w", svc.s.translate(err))
	}
	if actor, _ := carepath.ActorFrom(ctx); !access.CanSeeClient(actor, c) {
		facilitates, err := svc.s.readsAsFacilitator(ctx, tx, actor, c.ID)
		if err != nil {
			return nil, err
		}
		if !facilitates {
			return nil, hiddenClient(c.ID)
		}
	}
	return c, nil
}

// UpdateClient applies u to the client with id and returns the client as stored, its version
// one higher. It returns ECONFLICT when u.Version is not the stored version (nothing changes),
// ENOTFOUND as FindClientByID does, EINVALID naming the fields, EUNAUTHORIZED without an actor
// and EFORBIDDEN for roles that may not update clients.
func (svc *ClientService) UpdateClient(ctx context.Context, id string, u carepath.ClientUpdate) (*carepath.Client, error) {
	var c *carepath.Client
	o := op{record: access.Client, action: access.Update, recordID: wellFormedID(id), clientID: wellFormedID(id), validate: u.Validate,
		detail: "fields=" + strings.Join(updatedFields(&u), ",")}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var err error
		if c, err = svc.readVisible(ctx, tx, id); err != nil {
			return nil, err
		}
		if c.Version != u.Version {
			return nil, staleClient()
		}
		if err := svc.s.checkCareTeamChange(ctx, tx, c, u); err != nil {
			return nil, err
		}
		u.Apply(c)
		if err := c.Validate(); err != nil {
			return nil, err
		}
		c.UpdatedAt = svc.s.timestamp()
		if c.EmailConsent && c.EmailConsentAt == nil {
			c.EmailConsentAt = &c.UpdatedAt
		}
		if !c.EmailConsent {
			c.EmailConsentAt = nil
		}
		args := clientArgs(c)[:21] // id, version, then the fields up to case_manager_id
		args[1] = u.Version        // the version the change is based on; the row gets one more
		args = append(args, c.UpdatedAt, c.EmailConsent, c.EmailConsentAt, c.PayerSex)
		res, err := tx.ExecContext(ctx, `UPDATE clients SET version = version + 1,
			given_name = $3, family_name = $4, preferred_name = $5, birth_date = $6, pronouns = $7,
			email = $8, phone = $9, preferred_language = $10, emergency_name = $11,
			emergency_relationship = $12, emergency_phone = $13, coverage_payer = $14,
			coverage_member_id = $15, deductible_remaining_cents = $16, coinsurance_percent = $17,
			copay_cents = $18, out_of_pocket_remaining_cents = $19, primary_clinician_id = $20,
			case_manager_id = $21, updated_at = $22, email_consent = $23, email_consent_at = $24,
			payer_sex = $25 WHERE id = $1 AND version = $2`, args...)
		if err != nil {
			return nil, fmt.Errorf("update client: %w", svc.s.translate(err))
		}
		n, err := res.RowsAffected()
		if err != nil {
			return nil, fmt.Errorf("update client: %w", svc.s.translate(err))
		}
		if n == 0 {
			var exists int
			err := tx.QueryRowContext(ctx, `SELECT count(*) FROM clients WHERE id = $1`, id).Scan(&exists)
			if err != nil {
				return nil, fmt.Errorf("update client: %w", svc.s.translate(err))
			}
			if exists == 0 {
				return nil, clientNotFound()
			}
			return nil, staleClient()
		}
		c.Version++
		return []ref{{ID: c.ID, ClientID: c.ID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return c, nil
}

func staleClient() error {
	return carepath.Errorf(carepath.ECONFLICT, "Someone else changed this client since you opened it; please reload and make your change again.")
}

// updatedFields names the fields u changes, for the audit row.
func updatedFields(u *carepath.ClientUpdate) []string {
	var names []string
	for _, f := range []struct {
		name string
		set  bool
	}{
		{"given_name", u.GivenName != nil}, {"family_name", u.FamilyName != nil},
		{"preferred_name", u.PreferredName != nil}, {"birth_date", u.BirthDate != nil},
		{"pronouns", u.Pronouns != nil}, {"email", u.Email != nil}, {"email_consent", u.EmailConsent != nil}, {"phone", u.Phone != nil},
		{"preferred_language", u.PreferredLanguage != nil},
		{"emergency_contact", u.EmergencyContact != nil}, {"coverage", u.Coverage != nil},
		{"primary_clinician_id", u.PrimaryClinicianID != nil}, {"case_manager_id", u.CaseManagerID != nil},
		{"payer_sex", u.PayerSex != nil},
	} {
		if f.set {
			names = append(names, f.name)
		}
	}
	return names
}

// FindClients lists the clients the actor may see that match filter, by family name, given name
// and id, at most filter.Limit of them (default DefaultClientLimit, at most MaxClientLimit)
// from filter.Offset on, and returns how many match in all. Clinicians and case managers see
// only their care team's clients. It returns EINVALID naming search, limit or offset,
// EUNAUTHORIZED without an actor and EFORBIDDEN for roles that may not list clients. The list
// is never nil. The call appends one audit row, and one audit_shown row per client listed.
func (svc *ClientService) FindClients(ctx context.Context, filter carepath.ClientFilter) ([]*carepath.Client, int, error) {
	limit := filter.Limit
	switch {
	case limit == 0:
		limit = DefaultClientLimit
	case limit > MaxClientLimit:
		limit = MaxClientLimit
	}
	detail := []string{}
	if filter.Search != nil {
		detail = append(detail, "search=yes")
	}
	if filter.PrimaryClinicianID != nil {
		detail = append(detail, "primary_clinician_id="+wellFormedID(*filter.PrimaryClinicianID))
	}
	detail = append(detail, "limit="+strconv.Itoa(limit), "offset="+strconv.Itoa(filter.Offset))

	list := []*carepath.Client{}
	total := 0
	o := op{record: access.Client, action: access.List, lists: true, detail: strings.Join(detail, " "),
		validate: func() error { return validateClientFilter(filter) }}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		actor, _ := carepath.ActorFrom(ctx)
		column, ok := clientScope(actor)
		if !ok {
			return nil, nil
		}
		var where []string
		var args []any
		arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
		if column != "" {
			where = append(where, column+" = "+arg(actor.ID))
		}
		if filter.PrimaryClinicianID != nil {
			where = append(where, "primary_clinician_id = "+arg(*filter.PrimaryClinicianID))
		}
		if filter.Search != nil && strings.TrimSpace(*filter.Search) != "" {
			// One LIKE over the names joined by spaces finds a part of any name, of the
			// preferred name, or of "given family".
			p := arg("%" + escapeLike(strings.ToLower(strings.TrimSpace(*filter.Search))) + "%")
			where = append(where, `lower(given_name || ' ' || family_name || ' ' || preferred_name) LIKE `+p+` ESCAPE '\'`)
		}
		cond := ""
		if len(where) > 0 {
			cond = " WHERE " + strings.Join(where, " AND ")
		}
		// The count scans the matches; the page walks the name index in order and stops after
		// limit matches past the offset.
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM clients`+cond, args...).Scan(&total); err != nil {
			return nil, fmt.Errorf("count clients: %w", svc.s.translate(err))
		}
		q := `SELECT ` + clientColumns + ` FROM clients` + cond +
			` ORDER BY lower(family_name), lower(given_name), id LIMIT ` + arg(limit) + ` OFFSET ` + arg(filter.Offset)
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("select clients: %w", svc.s.translate(err))
		}
		defer rows.Close()
		var refs []ref
		for rows.Next() {
			c, err := scanClient(rows)
			if err != nil {
				return nil, fmt.Errorf("select clients: %w", err)
			}
			list = append(list, c)
			refs = append(refs, ref{ID: c.ID, ClientID: c.ID})
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("select clients: %w", svc.s.translate(err))
		}
		return refs, nil
	})
	if err != nil {
		return nil, 0, err
	}
	return list, total, nil
}

// validateClientFilter checks a filter; field errors name search, limit and offset.
func validateClientFilter(f carepath.ClientFilter) error {
	var errs carepath.FieldErrors
	if f.Search != nil && len([]rune(*f.Search)) > 100 {
		errs.Add("search", "too_long", "Please search with fewer than 100 characters.")
	}
	if f.Limit < 0 {
		errs.Add("limit", "range", "The limit cannot be negative.")
	}
	if f.Offset < 0 {
		errs.Add("offset", "range", "The offset cannot be negative.")
	}
	return errs.Err()
}

// escapeLike escapes the LIKE wildcards of s for ESCAPE '\'.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// clientColumns are the columns of clients in the order clientArgs and scanClient use.
const clientColumns = `id, version, given_name, family_name, preferred_name, birth_date, pronouns,
	email, phone, preferred_language, emergency_name, emergency_relationship, emergency_phone,
	coverage_payer, coverage_member_id, deductible_remaining_cents, coinsurance_percent,
	copay_cents, out_of_pocket_remaining_cents, primary_clinician_id, case_manager_id,
	created_at, updated_at, email_consent, email_consent_at, payer_sex`

// clientArgs returns c's values in the order of clientColumns.
func clientArgs(c *carepath.Client) []any {
	cents := func(v *carepath.Cents) any {
		if v == nil {
			return nil
		}
		return int64(*v)
	}
	var coinsurance any
	if p := c.Coverage.CoinsurancePercent; p != nil {
		coinsurance = int64(*p)
	}
	e, cv := c.EmergencyContact, c.Coverage
	return []any{c.ID, c.Version, c.GivenName, c.FamilyName, c.PreferredName, c.BirthDate, c.Pronouns,
		c.Email, c.Phone, c.PreferredLanguage, e.Name, e.Relationship, e.Phone,
		cv.Payer, cv.MemberID, cents(cv.DeductibleRemainingCents), coinsurance,
		cents(cv.CopayCents), cents(cv.OutOfPocketRemainingCents), c.PrimaryClinicianID, c.CaseManagerID,
		c.CreatedAt, c.UpdatedAt, c.EmailConsent, c.EmailConsentAt, c.PayerSex}
}

// scanClient reads one row of clientColumns.
func scanClient(row interface{ Scan(...any) error }) (*carepath.Client, error) {
	var c carepath.Client
	var deductible, coinsurance, copay, oop sql.NullInt64
	var consentAt sql.NullTime
	e, cv := &c.EmergencyContact, &c.Coverage
	err := row.Scan(&c.ID, &c.Version, &c.GivenName, &c.FamilyName, &c.PreferredName, &c.BirthDate,
		&c.Pronouns, &c.Email, &c.Phone, &c.PreferredLanguage, &e.Name, &e.Relationship, &e.Phone,
		&cv.Payer, &cv.MemberID, &deductible, &coinsurance, &copay, &oop,
		&c.PrimaryClinicianID, &c.CaseManagerID, &c.CreatedAt, &c.UpdatedAt, &c.EmailConsent, &consentAt, &c.PayerSex)
	if err != nil {
		return nil, err
	}
	cents := func(n sql.NullInt64) *carepath.Cents {
		if !n.Valid {
			return nil
		}
		v := carepath.Cents(n.Int64)
		return &v
	}
	cv.DeductibleRemainingCents, cv.CopayCents, cv.OutOfPocketRemainingCents = cents(deductible), cents(copay), cents(oop)
	if coinsurance.Valid {
		p := int(coinsurance.Int64)
		cv.CoinsurancePercent = &p
	}
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	if consentAt.Valid {
		t := consentAt.Time.UTC()
		c.EmailConsentAt = &t
	}
	return &c, nil
}
