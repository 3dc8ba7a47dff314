package release

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
	"github.com/carepath/carepath/outcome"
	"github.com/carepath/carepath/placement"
)

// Packet is a utilization-review packet: what a payer's reviewer needs to decide whether an
// authorization's level of care should go on, for the authorization's dates. It is a
// disclosure to the payer, for payment, and carries the gate's notice.
//
// The dated records (measures, program dose, continued-stay reviews) are those within the
// authorization's dates; the standing records (the latest assessment, the treatment plan in
// force, the diagnoses) are those in force on its last date, which is what the authorization
// rests on.
type Packet struct {
	Disclosure    carepath.Disclosure     `json:"disclosure"`
	ReleasedAt    time.Time               `json:"released_at"`
	Client        Client                  `json:"client"`
	Authorization *carepath.Authorization `json:"authorization"`
	Assessment    *PacketAssessment       `json:"assessment,omitempty"`
	Diagnoses     []*carepath.Diagnosis   `json:"diagnoses"`
	Plan          *carepath.TreatmentPlan `json:"plan,omitempty"`
	Measures      []Measure               `json:"measures"`
	Changes       []MeasureChange         `json:"changes"`
	Doses         []*carepath.Dose        `json:"doses"`
	Review        *carepath.Review        `json:"review,omitempty"`
}

// PacketAssessment is the latest assessment: its levels, each dimension's rating and the
// rubric's reasons.
type PacketAssessment struct {
	TakenAt     time.Time          `json:"taken_at"`
	Recommended carepath.Level     `json:"recommended"`
	FinalLevel  carepath.Level     `json:"final_level"`
	Dimensions  []DimensionRow     `json:"dimensions"`
	Reasons     []string           `json:"reasons"`
	Variance    *carepath.Variance `json:"variance,omitempty"`
}

// DimensionRow is one dimension's rating and where it came from.
type DimensionRow struct {
	Name   string `json:"name"`
	Rating int    `json:"rating"`
	Basis  string `json:"basis,omitempty"`
}

// MeasureChange is how an instrument's latest total within the dates compares with its first
// one: the change and whether it is reliable (outcome.Config).
type MeasureChange struct {
	Instrument string `json:"instrument"`
	Baseline   int    `json:"baseline"`
	Latest     int    `json:"latest"`
	Delta      int    `json:"delta"`
	Judgement  string `json:"judgement"` // reliable improvement, reliable deterioration, no reliable change
}

// BuildPacket reads authorization authID (ENOTFOUND when the actor may not see it: a payer
// reviewer sees only those assigned to them), asks the disclosure gate whether its client's
// records may go to the payer for payment (a reviewer receives them for their own
// organization), and only then reads the packet's records as the actor in ctx, each read
// audited. The gate's errors come back unchanged: EFORBIDDEN naming the missing consent.
func BuildPacket(ctx context.Context, svc carepath.Services, authID string, now time.Time) (*Packet, error) {
	a, err := svc.Authorizations.FindAuthorization(ctx, authID)
	if err != nil {
		return nil, err
	}
	recipient, purpose := a.PayerName, carepath.PurposePayment
	if actor, _ := carepath.ActorFrom(ctx); actor.Outside() {
		recipient, purpose = "", ""
	}
	d, err := svc.Disclosures.Authorize(ctx, a.ClientID, recipient, purpose)
	if err != nil {
		return nil, err
	}
	c, err := svc.Clients.FindClientByID(ctx, a.ClientID)
	if err != nil {
		return nil, fmt.Errorf("packet client: %w", err)
	}
	p := &Packet{Disclosure: *d, ReleasedAt: now.UTC().Truncate(time.Second), Authorization: a,
		Client:    Client{ID: c.ID, GivenName: c.GivenName, FamilyName: c.FamilyName, BirthDate: c.BirthDate},
		Diagnoses: []*carepath.Diagnosis{}, Measures: []Measure{}, Changes: []MeasureChange{}, Doses: []*carepath.Dose{}}
	within := func(t time.Time) bool {
		day := t.UTC().Format(carepath.DateLayout)
		return a.Start <= day && day <= a.End
	}
	upTo := func(t time.Time) bool { return t.UTC().Format(carepath.DateLayout) <= a.End }

	assessments, err := svc.Assessments.FindAssessments(ctx, a.ClientID)
	if err != nil {
		return nil, fmt.Errorf("packet assessments: %w", err)
	}
	var latest *carepath.Assessment
	for _, x := range assessments {
		if upTo(x.TakenAt) && (latest == nil || x.TakenAt.After(latest.TakenAt)) {
			latest = x
		}
	}
	if latest != nil {
		p.Assessment = packetAssessment(latest)
	}
	diagnoses, err := svc.Diagnoses.FindDiagnoses(ctx, a.ClientID)
	if err != nil {
		return nil, fmt.Errorf("packet diagnoses: %w", err)
	}
	for _, x := range diagnoses {
		if (x.OnsetOn == "" || x.OnsetOn <= a.End) && (x.ResolvedOn == "" || x.ResolvedOn >= a.Start) {
			p.Diagnoses = append(p.Diagnoses, x)
		}
	}
	plans, err := svc.TreatmentPlans.FindPlans(ctx, a.ClientID)
	if err != nil {
		return nil, fmt.Errorf("packet plans: %w", err)
	}
	for _, x := range plans {
		if upTo(x.CreatedAt) && (p.Plan == nil || x.Version > p.Plan.Version) {
			p.Plan = x
		}
	}
	series, err := svc.Measures.FindMeasures(ctx, a.ClientID)
	if err != nil {
		return nil, fmt.Errorf("packet measures: %w", err)
	}
	var judged []outcome.Measure
	for _, m := range series.Measures {
		if !within(m.TakenAt) {
			continue
		}
		p.Measures = append(p.Measures, Measure{Instrument: m.Instrument, TakenAt: m.TakenAt.UTC(), Score: m.Score, Severity: m.Severity})
		judged = append(judged, outcome.Measure{ID: m.ID, ClientID: m.ClientID, Instrument: instrument.ID(m.Instrument), TakenAt: m.TakenAt, Total: m.Score, Points: m.Answers})
	}
	sort.Slice(p.Measures, func(i, j int) bool { return p.Measures[i].TakenAt.Before(p.Measures[j].TakenAt) })
	p.Changes = changes(judged)
	first, err1 := time.Parse(carepath.DateLayout, a.Start)
	last, err2 := time.Parse(carepath.DateLayout, a.End)
	if err1 == nil && err2 == nil {
		doses, err := svc.Attendance.ClientDoses(ctx, a.ClientID, isoWeek(first), isoWeek(last))
		if err != nil && carepath.ErrorCode(err) != carepath.EINVALID {
			return nil, fmt.Errorf("packet doses: %w", err)
		}
		p.Doses = append(p.Doses, doses...)
	}
	reviews, err := svc.Reviews.FindReviews(ctx, a.ClientID)
	if err != nil {
		return nil, fmt.Errorf("packet reviews: %w", err)
	}
	for _, r := range reviews {
		if within(r.CreatedAt) && (p.Review == nil || r.CreatedAt.After(p.Review.CreatedAt)) {
			p.Review = r
		}
	}
	return p, nil
}

// packetAssessment reads an assessment's dimensions and reasons from its stored profile, run
// through the placement rubric again; the levels are those stored.
func packetAssessment(x *carepath.Assessment) *PacketAssessment {
	pa := &PacketAssessment{TakenAt: x.TakenAt.UTC(), Recommended: x.Recommended, FinalLevel: x.FinalLevel,
		Dimensions: []DimensionRow{}, Reasons: []string{}, Variance: x.Variance}
	prof, err := placement.DecodeBytes(x.Profile)
	if err != nil {
		return pa
	}
	rec, err := placement.Recommend(prof)
	if err != nil {
		return pa
	}
	for _, d := range rec.Dimensions.All() {
		pa.Dimensions = append(pa.Dimensions, DimensionRow{Name: d.Name, Rating: d.Rating, Basis: d.Basis})
	}
	for _, r := range rec.Reasons {
		pa.Reasons = append(pa.Reasons, r.Text)
	}
	return pa
}

// changes judges each instrument's latest measure against its first (outcome.DefaultConfig).
func changes(ms []outcome.Measure) []MeasureChange {
	cfg := outcome.DefaultConfig()
	seen := map[instrument.ID]bool{}
	out := []MeasureChange{}
	for _, m := range ms {
		if seen[m.Instrument] {
			continue
		}
		seen[m.Instrument] = true
		ch, ok := cfg.Latest(ms, m.Instrument)
		if !ok {
			continue
		}
		j := "no reliable change"
		switch {
		case ch.ReliableImprovement:
			j = "reliable improvement"
		case ch.ReliableDeterioration:
			j = "reliable deterioration"
		}
		out = append(out, MeasureChange{Instrument: string(m.Instrument), Baseline: ch.Baseline, Latest: ch.Latest, Delta: ch.Delta, Judgement: j})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Instrument < out[j].Instrument })
	return out
}

// isoWeek is t's ISO week as YYYY-Www.
func isoWeek(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}
