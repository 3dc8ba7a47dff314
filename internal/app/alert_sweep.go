package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/notify"
)

// DefaultAuthorizationAlertsEvery is how often the server's worker looks for authorization and
// certification alerts that came due (they are computed by the day, so once an hour is plenty).
const DefaultAuthorizationAlertsEvery = time.Hour

// alertSweep is the part of the server's worker that puts the authorization alerts due today
// (carepath.AuthorizationService.QueueAuthorizationAlerts) and the physician certification
// alerts (carepath.CertificationService.QueueCertificationAlerts) in the outbox, at start and
// then every Every; the outbox worker sends them. Each alert is queued once, so a restart or
// a second server queues nothing twice. A failure of one kind does not stop the other.
type alertSweep struct {
	Authorizations carepath.AuthorizationService
	Certifications carepath.CertificationService
	Every          time.Duration
	Log            *slog.Logger
}

// Run queues the due alerts until ctx is done.
func (a alertSweep) Run(ctx context.Context) {
	every := a.Every
	if every <= 0 {
		every = DefaultAuthorizationAlertsEvery
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		a.Sweep(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Sweep queues the authorization and certification alerts that came due, once, logging what
// it queued (counts only) and any failure.
func (a alertSweep) Sweep(ctx context.Context) {
	ctx = carepath.NewContext(ctx, notify.OutboxActor)
	for _, kind := range []struct {
		name  string
		queue func(context.Context) (int, error)
	}{{"authorization", a.Authorizations.QueueAuthorizationAlerts}, {"certification", a.Certifications.QueueCertificationAlerts}} {
		n, err := kind.queue(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			a.Log.Error(kind.name+" alerts", "err", err)
		case n > 0:
			a.Log.Info(kind.name+" alert messages queued", "messages", n)
		}
	}
}
