package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

var _ carepath.ClientSearchService = (*ClientService)(nil)

// SearchClients lists the clients the actor may see that q selects, by family name, given
// name and id, at most q.Limit of them (default DefaultClientLimit) from q.Offset on, and
// returns how many match in all. It appends one audit row for the call (naming how many
// conditions of each kind were given, never a name or a date) and one audit_shown row per
// client listed. The list is never nil.
func (svc *ClientService) SearchClients(ctx context.Context, q carepath.ClientQuery) ([]*carepath.Client, int, error) {
	limit := q.Limit
	if limit == 0 {
		limit = DefaultClientLimit
	}
	detail := fmt.Sprintf("ids=%d name=%d family=%d given=%d birth_date=%d updated=%d limit=%d offset=%d",
		len(q.IDs), len(q.Name), len(q.Family), len(q.Given), len(q.BirthDate), len(q.Updated), limit, q.Offset)
	list := []*carepath.Client{}
	total := 0
	o := op{record: access.Client, action: access.List, lists: true, detail: detail, validate: q.Validate}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		actor, _ := carepath.ActorFrom(ctx)
		column, ok := clientScope(actor)
		if !ok {
			return nil, nil
		}
		var a sqlArgs
		conds := []string{}
		if column != "" {
			conds = append(conds, column+" = "+a.add(actor.ID))
		}
		if len(q.IDs) > 0 {
			conds = append(conds, a.in("id", q.IDs))
		}
		conds = append(conds,
			a.textMatches([]string{"given_name", "family_name", "preferred_name"}, q.Name),
			a.textMatches([]string{"family_name"}, q.Family),
			a.textMatches([]string{"given_name", "preferred_name"}, q.Given),
			a.dateRanges("birth_date", q.BirthDate),
			a.timeRanges("updated_at", q.Updated))
		cond := where(conds...)
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM clients`+cond, a.list...).Scan(&total); err != nil {
			return nil, fmt.Errorf("count clients: %w", svc.s.translate(err))
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+clientColumns+` FROM clients`+cond+
			` ORDER BY lower(family_name), lower(given_name), id LIMIT `+strconv.Itoa(limit)+` OFFSET `+strconv.Itoa(q.Offset), a.list...)
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
