package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/google/uuid"
)

// maxTransferReason is the longest reason a transfer stores (carepath.EpisodeTransfer).
const maxTransferReason = 500

// AcceptReview accepts a pending review; a step up or step down transfers the client's open
// episode to the suggested level, dated today in the program's time zone, in the same
// transaction, and the review names the transfer.
func (svc *ReviewService) AcceptReview(ctx context.Context, id string) (*carepath.Review, error) {
	return svc.decide(ctx, access.Accept, id, nil, func(ctx context.Context, tx *sql.Tx, rv *carepath.Review) ([]ref, error) {
		if !rv.Transfers() {
			return nil, nil
		}
		e, err := openEpisodeOf(ctx, svc.s, tx, rv.ClientID)
		if err != nil || e.id != rv.EpisodeID || e.level != rv.Level {
			return nil, carepath.Errorf(carepath.ECONFLICT,
				"The client's episode changed since this review ran (a transfer or a discharge), so nothing was done. Please run a new review.")
		}
		tid, err := svc.transfer(ctx, tx, e, rv)
		if err != nil {
			return nil, err
		}
		rv.TransferID = tid
		return []ref{{ID: e.id, ClientID: rv.ClientID}}, nil
	})
}

// DeclineReview declines a pending review for reason.
func (svc *ReviewService) DeclineReview(ctx context.Context, id, reason string) (*carepath.Review, error) {
	validate := func() error { return carepath.CheckDeclineReason(&reason) }
	return svc.decide(ctx, access.Decline, id, validate, func(ctx context.Context, tx *sql.Tx, rv *carepath.Review) ([]ref, error) {
		rv.DeclineReason = reason
		return nil, nil
	})
}

// decide runs an accept or a decline of review id: it reads the review, which must be
// pending, lets apply do its part, and stores the decision.
func (svc *ReviewService) decide(ctx context.Context, act access.Action, id string, validate func() error,
	apply func(context.Context, *sql.Tx, *carepath.Review) ([]ref, error)) (*carepath.Review, error) {
	var out *carepath.Review
	o := op{record: access.Review, action: act, recordID: wellFormedID(id), clientID: svc.s.clientOf(ctx, access.Review, id), validate: validate}
	err := svc.s.do(ctx, o, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		rv, err := svc.readVisible(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		if rv.Decision != carepath.ReviewPending {
			return nil, carepath.Errorf(carepath.ECONFLICT, "This review was already %s.", rv.Decision)
		}
		more, err := apply(ctx, tx, rv)
		if err != nil {
			return nil, err
		}
		actor, _ := carepath.ActorFrom(ctx)
		now := svc.s.timestamp()
		rv.Decision, rv.DecidedBy, rv.DecidedAt = carepath.ReviewAccepted, actor.ID, &now
		if act == access.Decline {
			rv.Decision = carepath.ReviewDeclined
		}
		res, err := tx.ExecContext(ctx, `UPDATE reviews SET decision = $2, decided_by = $3, decided_at = $4,
			decline_reason = $5, transfer_id = $6 WHERE id = $1 AND decision = 'pending'`,
			rv.ID, string(rv.Decision), rv.DecidedBy, now, rv.DeclineReason, rv.TransferID)
		if n, err := rowsAffected(res, err); err != nil {
			return nil, fmt.Errorf("update review: %w", svc.s.translate(err))
		} else if n == 0 {
			return nil, carepath.Errorf(carepath.ECONFLICT, "This review was decided by someone else just now.")
		}
		out = rv
		return append([]ref{{ID: rv.ID, ClientID: rv.ClientID}}, more...), nil
	})
	if err != nil {
		return nil, hideReviewDenial(err)
	}
	return out, nil
}

// transfer moves episode e to the review's level today, in the program's time zone, with the
// review's reasons as the transfer's reason, and returns the transfer's id. It writes what
// EpisodeService.TransferEpisode writes (insertTransfer, then the episode's level and
// version), inside the review's transaction.
func (svc *ReviewService) transfer(ctx context.Context, tx *sql.Tx, e *reviewEpisode, rv *carepath.Review) (string, error) {
	on := svc.s.now().In(e.loc).Format(carepath.DateLayout)
	if on < e.lastOn {
		return "", carepath.Errorf(carepath.ECONFLICT, "The episode's last change is dated after today (%s), so it cannot be transferred today.", e.lastOn)
	}
	tid, err := uuid.NewV7()
	if err != nil {
		return "", fmt.Errorf("new id: %w", err)
	}
	now := svc.s.timestamp()
	tr := carepath.Transfer{ID: tid.String(), FromLevel: e.level, ToLevel: rv.ToLevel, On: on,
		Direction: carepath.TransferDirection(e.level, rv.ToLevel), Reason: transferReason(rv)}
	if err := svc.s.insertTransfer(ctx, tx, e.id, e.version, tr); err != nil {
		return "", err
	}
	res, err := tx.ExecContext(ctx, `UPDATE episodes SET version = version + 1, level = $3, updated_at = $4
		WHERE id = $1 AND version = $2 AND status = 'open'`, e.id, e.version, string(rv.ToLevel), now)
	if n, err := rowsAffected(res, err); err != nil {
		return "", fmt.Errorf("update episode: %w", svc.s.translate(err))
	} else if n == 0 {
		return "", staleEpisode()
	}
	return tid.String(), nil
}

// transferReason is the reason a review's transfer stores: the review's reasons, within the
// length a transfer reason may have.
func transferReason(rv *carepath.Review) string {
	s := "Continued-stay review (rule " + rv.RuleID + "): " + strings.Join(rv.Reasons, " ")
	if utf8.RuneCountInString(s) <= maxTransferReason {
		return s
	}
	r := []rune(s)
	return string(r[:maxTransferReason-1]) + "…"
}
