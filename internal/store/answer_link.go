package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/instrument"
	"github.com/carepath/carepath/outcome"
	"github.com/google/uuid"
)

// linkTokenBytes is the number of random bytes in an answer link's token.
const linkTokenBytes = 32

// linkInstruments are the instruments an answer link may ask, in the order a page shows them.
var linkInstruments = []string{string(instrument.PHQ9), string(instrument.GAD7), string(instrument.AUDITC),
	string(instrument.AUDIT), string(instrument.DAST10), string(instrument.CSSRS), string(outcome.CheckInID)}

func validateLinkInput(in carepath.MeasureLinkInput) func() error {
	return func() error {
		var errs carepath.FieldErrors
		if len(in.Instruments) == 0 {
			errs.Add("instruments", "required", "Please choose at least one questionnaire.")
		}
		seen := map[string]bool{}
		for i, id := range in.Instruments {
			f := "instruments[" + strconv.Itoa(i) + "]"
			switch {
			case !slices.Contains(linkInstruments, id):
				errs.Add(f, "unknown", "Please choose one of %s.", strings.Join(linkInstruments, ", "))
			case seen[id]:
				errs.Add(f, "duplicate", "This questionnaire is already asked.")
			}
			seen[id] = true
		}
		if in.SendTo != "email" && in.SendTo != "sms" {
			errs.Add("send_to", "format", "Please send the link by email or sms.")
		}
		return errs.Err()
	}
}

// CreateMeasureLink makes a single-use answer link. The token is returned once; only its hash
// is stored.
func (svc *MeasureService) CreateMeasureLink(ctx context.Context, clientID string, in carepath.MeasureLinkInput) (*carepath.MeasureLink, string, error) {
	var link *carepath.MeasureLink
	var token string
	o := op{record: access.MeasureLink, action: access.Create, clientID: wellFormedID(clientID), validate: validateLinkInput(in), detail: "send_to " + safeWord(in.SendTo)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		c, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, clientID)
		if err != nil {
			return nil, err
		}
		if (in.SendTo == "email" && c.Email == "") || (in.SendTo == "sms" && c.Phone == "") {
			var errs carepath.FieldErrors
			errs.Add("send_to", "no_address", "The client's chart has no %s to send the link to.", map[string]string{"email": "email address", "sms": "phone number"}[in.SendTo])
			return nil, errs.Err()
		}
		if in.SendTo == "email" && !c.EmailConsent {
			var errs carepath.FieldErrors
			errs.Add("send_to", "no_consent", "The client has not consented to contact by email: record their consent on the client's details first, or hand them the questions in session.")
			return nil, errs.Err()
		}
		uid, err := uuid.NewV7()
		if err != nil {
			return nil, fmt.Errorf("new id: %w", err)
		}
		b := make([]byte, linkTokenBytes)
		if _, err := rand.Read(b); err != nil {
			return nil, fmt.Errorf("link token: %w", err)
		}
		token = base64.RawURLEncoding.EncodeToString(b)
		now := svc.s.timestamp()
		actor, _ := carepath.ActorFrom(ctx)
		link = &carepath.MeasureLink{ID: uid.String(), ClientID: clientID, Instruments: slices.Clone(in.Instruments), SendTo: in.SendTo,
			CreatedAt: now, ExpiresAt: now.Add(carepath.MeasureLinkTTL)}
		if _, err := tx.ExecContext(ctx, `INSERT INTO measure_links (id, client_id, token_hash, instruments, send_to, created_by, created_at, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, link.ID, clientID, hashToken(token), joinInstruments(in.Instruments), in.SendTo, actor.ID, now, link.ExpiresAt); err != nil {
			return nil, fmt.Errorf("insert link: %w", svc.s.translate(err))
		}
		return []ref{{ID: link.ID, ClientID: clientID}}, nil
	})
	if err != nil {
		return nil, "", hideDenial(err)
	}
	return link, token, nil
}

// linkGone is the one answer to an unknown, used or expired token.
func linkGone() error {
	return carepath.Errorf(carepath.ENOTFOUND, "This link does not work. It may have been used already or have expired.")
}

// openLink reads the usable link of token in tx.
func (svc *MeasureService) openLink(ctx context.Context, tx *sql.Tx, token string) (*carepath.MeasureLink, error) {
	if token == "" || len(token) > 128 || strings.ContainsAny(token, " /") {
		return nil, linkGone()
	}
	var l carepath.MeasureLink
	var instruments string
	var used sql.NullTime
	err := tx.QueryRowContext(ctx, `SELECT id, client_id, instruments, created_at, expires_at, used_at FROM measure_links WHERE token_hash = $1`,
		hashToken(token)).Scan(&l.ID, &l.ClientID, &instruments, &l.CreatedAt, &l.ExpiresAt, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, linkGone()
	}
	if err != nil {
		return nil, fmt.Errorf("select link: %w", svc.s.translate(err))
	}
	if used.Valid || !svc.s.timestamp().Before(l.ExpiresAt) {
		return nil, linkGone()
	}
	l.CreatedAt, l.ExpiresAt = l.CreatedAt.UTC(), l.ExpiresAt.UTC()
	l.Instruments = idStrings(splitInstruments(instruments))
	return &l, nil
}

// OpenMeasureLink returns the usable link of token, without its client.
func (svc *MeasureService) OpenMeasureLink(ctx context.Context, token string) (*carepath.MeasureLink, error) {
	var link *carepath.MeasureLink
	err := svc.s.do(ctx, op{record: access.MeasureLink, action: access.Open, readOnly: true}, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		l, err := svc.openLink(ctx, tx, token)
		if err != nil {
			return nil, err
		}
		r := ref{ID: l.ID, ClientID: l.ClientID}
		l.ClientID = ""
		link = l
		return []ref{r}, nil
	})
	if err != nil {
		return nil, err
	}
	return link, nil
}

// SubmitMeasureLink stores the answers given through a link and marks it used, all at once;
// a safety alert the answers raise pages the on-call rota in the same transaction.
func (svc *MeasureService) SubmitMeasureLink(ctx context.Context, token string, answers map[string][]int) (*carepath.MeasureLinkReceipt, error) {
	out := &carepath.MeasureLinkReceipt{}
	err := svc.s.do(ctx, op{record: access.MeasureLink, action: access.Submit}, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		l, err := svc.openLink(ctx, tx, token)
		if err != nil {
			return nil, err
		}
		cc, err := svc.careOf(ctx, tx, l.ClientID)
		if err != nil {
			return nil, err
		}
		now := svc.s.timestamp()
		// A link answered before the first admission is dated at the admission's day at the
		// latest, so that a client never meets an error about dates they cannot change.
		takenAt := now
		var errs carepath.FieldErrors
		scored := make([]outcome.Measure, len(l.Instruments))
		severities := make([]string, len(l.Instruments))
		for i, id := range l.Instruments {
			m, sev, err := svc.score(careContext{}, id, answers[id], carepath.SexUnknown, takenAt)
			if err != nil {
				errs = append(errs, carepath.ErrorFields(err)...)
				continue
			}
			scored[i], severities[i] = m, sev
		}
		if err := errs.Err(); err != nil {
			return nil, err
		}
		res, err := tx.ExecContext(ctx, `UPDATE measure_links SET used_at = $1 WHERE id = $2 AND used_at IS NULL`, now, l.ID)
		if err != nil {
			return nil, fmt.Errorf("use link: %w", svc.s.translate(err))
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return nil, linkGone()
		}
		refs := []ref{{ID: l.ID, ClientID: l.ClientID}}
		for i, id := range l.Instruments {
			m, raised, err := svc.insertMeasure(ctx, tx, l.ClientID, cc, scored[i], answers[id], severities[i], carepath.MeasureByLink, l.ID)
			if err != nil {
				return nil, err
			}
			for _, a := range raised {
				out.Safety = out.Safety || pagedKinds[a.Kind]
			}
			queued, err := svc.pageSafetyAlerts(ctx, tx, l.ClientID, raised)
			if err != nil {
				return nil, err
			}
			out.OnCallAlerted = out.OnCallAlerted || queued > 0
			out.Measures = append(out.Measures, m)
			refs = append(refs, ref{ID: m.ID, ClientID: l.ClientID})
		}
		if out.Hours, err = svc.hoursOfClient(ctx, tx, l.ClientID); err != nil {
			return nil, err
		}
		return refs, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// hoursOfClient returns the office hours of the program of the client's open (else latest)
// episode, nil when there is none or it keeps no hours.
func (svc *MeasureService) hoursOfClient(ctx context.Context, tx *sql.Tx, clientID string) (*carepath.OfficeHours, error) {
	ids, err := svc.s.stringColumn(ctx, tx, `SELECT program_id FROM episodes WHERE client_id = $1
		ORDER BY CASE WHEN status = 'open' THEN 0 ELSE 1 END, admitted_on DESC, id DESC LIMIT 1`, clientID)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	h, err := readOfficeHours(ctx, svc.s, tx, ids[0])
	if err != nil || len(h.Days) == 0 {
		return nil, err
	}
	return h, nil
}
