package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/notify"
)

// DefaultAuthorizationAlertsEvery is how often the server's worker looks for authorization
// alerts that came due (they are computed by the day, so once an hour is plenty).
const DefaultAuthorizationAlertsEvery = time.Hour

// authorizationAlerts is the part of the server's worker that puts the authorization alerts
// due today in the outbox (carepath.AuthorizationService.QueueAuthorizationAlerts), at start
// and then every Every; the outbox worker sends them. Each alert is queued once, so a restart
// or a second server queues nothing twice.
type authorizationAlerts struct {
	Store carepath.AuthorizationService
	Every time.Duration
	Log   *slog.Logger
}

// Run queues the due alerts until ctx is done.
func (a authorizationAlerts) Run(ctx context.Context) {
	every := a.Every
	if every <= 0 {
		every = DefaultAuthorizationAlertsEvery
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		n, err := a.Store.QueueAuthorizationAlerts(carepath.NewContext(ctx, notify.OutboxActor))
		switch {
		case err != nil && ctx.Err() == nil:
			a.Log.Error("authorization alerts", "err", err)
		case n > 0:
			a.Log.Info("authorization alert messages queued", "messages", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
