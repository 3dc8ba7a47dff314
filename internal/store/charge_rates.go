package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/billing"
)

// loadRateTables builds each program's rate table from its rates (program_rates,
// billing.RateTable.AddProgramRate): the IOP per diem bills each program day as one line (S9480, or H0015 in a 42 CFR Part 2 program) with the
// day's group, individual and family sessions bundled in; the individual-session rate is the
// price of 53 minutes or more, with 38–52 minutes at three quarters and 16–37 at half; the
// family, medication-management and assessment rates price those services. A program without
// a rate for a service does not bill it (its sessions are listed as skipped).
func loadRateTables(ctx context.Context, tx *sql.Tx, s *Store) (map[string]billing.RateTable, error) {
	rows, err := tx.QueryContext(ctx, `SELECT program_id, service, cents FROM program_rates ORDER BY program_id, service`)
	if err != nil {
		return nil, fmt.Errorf("select rates: %w", s.translate(err))
	}
	defer rows.Close()
	out := map[string]billing.RateTable{}
	for rows.Next() {
		var program, service string
		var cents int64
		if err := rows.Scan(&program, &service, &cents); err != nil {
			return nil, fmt.Errorf("select rates: %w", err)
		}
		t, ok := out[program]
		if !ok {
			t = billing.RateTable{ProgramID: program, Prices: map[billing.Service]carepath.Cents{}}
		}
		t.AddProgramRate(service, carepath.Cents(cents))
		out[program] = t
	}
	return out, s.translate(rows.Err())
}
