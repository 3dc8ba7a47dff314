package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/billing"
)

// medicareHold applies Medicare's intensive outpatient program rules (billing.CheckMedicareIOP)
// to claim c of a Medicare payer, with mc (the episode's admission and discharge dates and its
// physician certifications), and the secondary-payer rule (billing.CheckMedicareSecondary) with
// cov, the client's coverage with the payer: a claim failing a rule is held with every rule it
// fails named, and stays out of the 837; warnings go with a claim that goes out.
func medicareHold(c billing.Claim, mc billing.MedicareIOPContext, codes billing.DiagnosisCodes, cov *carepath.ClientCoverage) billing.Claim {
	holds := billing.CheckMedicareIOP(c, mc, codes)
	holds = append(holds, billing.CheckMedicareSecondary(cov.Rank, cov.MedicareSecondaryType)...)
	c.Holds = append(c.Holds, holds...)
	for _, h := range holds {
		if !h.Warning {
			c.Status = billing.ClaimHeld
		}
	}
	return c
}

// medicareContext reads, in tx, what the Medicare IOP rules need beyond a claim of the client
// through the day to: the latest episode admitted by then (the one the claim's admission date
// comes from), its discharge date, and the physician certifications stored on it. With no
// episode the context is empty, and the certification rule holds the claim.
func medicareContext(ctx context.Context, s *Store, tx *sql.Tx, clientID, to string) (billing.MedicareIOPContext, error) {
	var mc billing.MedicareIOPContext
	var episodeID string
	err := tx.QueryRowContext(ctx, `SELECT id, admitted_on, discharged_on FROM episodes WHERE client_id = $1 AND admitted_on <= $2
		ORDER BY admitted_on DESC LIMIT 1`, clientID, to).Scan(&episodeID, &mc.AdmissionDate, &mc.DischargeDate)
	if errors.Is(err, sql.ErrNoRows) {
		return mc, nil
	}
	if err != nil {
		return mc, fmt.Errorf("select episode: %w", s.translate(err))
	}
	list, err := readCertifications(ctx, s, tx, episodeID)
	if err != nil {
		return mc, err
	}
	mc.Certifications = billingCertifications(list)
	return mc, nil
}
