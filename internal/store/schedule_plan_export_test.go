package store

import (
	"context"
	"database/sql"

	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/delivery"
	"github.com/carepath/carepath/schedule"
)

// BuildInstance exposes the instance builder to the tests: the week's instance (with every
// clinician) and the current assignment.
func (svc *SchedulePlanService) BuildInstance(ctx context.Context, programID, week string) (*schedule.Instance, *schedule.Solution, error) {
	var pw *plannedWeek
	_, _, err := svc.s.readTx(ctx, op{record: access.SchedulePlan, action: access.Read}, func(ctx context.Context, tx *sql.Tx) ([]ref, error) {
		p, err := readProgram(ctx, svc.s, tx, programID)
		if err != nil {
			return nil, err
		}
		w, err := delivery.ParseISOWeek("week", week)
		if err != nil {
			return nil, err
		}
		pw, err = buildWeek(ctx, svc.s, tx, p, w, nil)
		return nil, err
	})
	if err != nil {
		return nil, nil, err
	}
	return pw.inst, pw.prev, nil
}
