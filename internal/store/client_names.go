package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// maxNamesPerCall bounds one FindClientNames call (a roster, a week's schedule).
const maxNamesPerCall = 500

// FindClientNames returns the names of those of ids the actor may name: the clients
// access.CanSeeClient allows, and for clinicians and case managers also the members of the groups
// they facilitate and the clients of the sessions they hold. It is one call, audited as a
// list of the clients it named (one audit row, one audit_shown row per client).
func (svc *ClientService) FindClientNames(ctx context.Context, ids []string) (map[string]carepath.ClientName, error) {
	names := map[string]carepath.ClientName{}
	want := make([]string, 0, len(ids))
	seen := map[string]bool{}
	for _, id := range ids {
		if id = wellFormedID(id); id != "" && !seen[id] {
			seen[id] = true
			want = append(want, id)
		}
	}
	o := op{record: access.Client, action: access.List, lists: true, detail: "names=" + strconv.Itoa(len(want)),
		validate: func() error {
			var errs carepath.FieldErrors
			if len(want) > maxNamesPerCall {
				errs.Add("ids", "too_many", "Please ask for at most %d names at once.", maxNamesPerCall)
			}
			return errs.Err()
		}}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		actor, _ := carepath.ActorFrom(ctx)
		column, ok := clientScope(actor)
		if !ok || len(want) == 0 {
			return nil, nil
		}
		args := []any{}
		arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
		in := make([]string, len(want))
		for i, id := range want {
			in[i] = arg(id)
		}
		cond := "id IN (" + strings.Join(in, ", ") + ")"
		if column != "" {
			me := arg(actor.ID)
			cond += " AND (" + column + " = " + me +
				` OR EXISTS (SELECT 1 FROM group_members gm JOIN groups g ON g.id = gm.group_id
					WHERE gm.client_id = clients.id AND (',' || g.facilitator_ids || ',') LIKE '%,' || ` + me + ` || ',%')` +
				` OR EXISTS (SELECT 1 FROM care_sessions cs WHERE cs.client_id = clients.id AND cs.clinician_id = ` + me + `))`
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, given_name, family_name, preferred_name FROM clients WHERE `+cond, args...)
		if err != nil {
			return nil, fmt.Errorf("select client names: %w", svc.s.translate(err))
		}
		defer rows.Close()
		var refs []ref
		for rows.Next() {
			var n carepath.ClientName
			if err := rows.Scan(&n.ID, &n.GivenName, &n.FamilyName, &n.PreferredName); err != nil {
				return nil, fmt.Errorf("scan client names: %w", svc.s.translate(err))
			}
			names[n.ID] = n
			refs = append(refs, ref{ID: n.ID, ClientID: n.ID})
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("select client names: %w", svc.s.translate(err))
		}
		return refs, nil
	})
	if err != nil {
		return nil, err
	}
	return names, nil
}
