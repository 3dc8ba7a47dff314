package store

import (
	"context"
	"database/sql"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

var _ carepath.ConsentLookupService = (*ConsentService)(nil)

// FindConsentByID returns consent id with Active computed for today: ENOTFOUND when there is
// none or its client is outside the actor's care team (audited as denied).
func (svc *ConsentService) FindConsentByID(ctx context.Context, id string) (*carepath.Consent, error) {
	var c *carepath.Consent
	o := op{record: access.Consent, action: access.Read, recordID: wellFormedID(id), clientID: svc.s.clientOf(ctx, access.Consent, id)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		var err error
		if c, err = svc.read(ctx, tx, id); err != nil {
			return nil, err
		}
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, c.ClientID); err != nil {
			return nil, err
		}
		return []ref{{ID: c.ID, ClientID: c.ClientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return c, nil
}
