package store

import (
	"context"
	"database/sql"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

var _ carepath.EpisodeLookupService = (*EpisodeService)(nil)

// FindEpisodeByID returns episode id with its transfers: ENOTFOUND when there is none or its
// client is outside the actor's care team (audited as denied). The read is audited as an
// episode read naming the episode and its client.
func (svc *EpisodeService) FindEpisodeByID(ctx context.Context, id string) (*carepath.Episode, error) {
	var e *carepath.Episode
	o := op{record: access.Episode, action: access.Read, recordID: wellFormedID(id), clientID: svc.s.clientOf(ctx, access.Episode, id)}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		if wellFormedID(id) == "" {
			return nil, episodeNotFound()
		}
		var err error
		if e, err = svc.read(ctx, tx, id); err != nil {
			return nil, err
		}
		if _, err := (&ClientService{s: svc.s}).readVisible(ctx, tx, e.ClientID); err != nil {
			return nil, err
		}
		return []ref{{ID: e.ID, ClientID: e.ClientID}}, nil
	})
	if err != nil {
		return nil, hideDenial(err)
	}
	return e, nil
}
