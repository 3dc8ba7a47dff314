// Package release assembles a release of a client's records to a recipient outside the care
// team (a copy for another provider, a payer, an attorney): it asks the disclosure gate
// (carepath.DisclosureService) first and reads the records only when the gate allows it, so a
// refused release reads nothing. The pages print it as PDF, the API answers it as JSON; both
// carry the 42 CFR 2.32 notice the gate returns.
//
// What a release holds is a summary, the minimum a recipient outside the clinic usually needs:
// who the client is (name and birth date, no contacts or coverage), their episodes of care,
// and their measures' totals and bands (no item answers). Notes and plans are not released.
package release

import (
	"context"
	"fmt"
	"time"

	"github.com/carepath/carepath"
)

// Record is one release: to whom and why, under which consent, and what was released.
type Record struct {
	Disclosure carepath.Disclosure `json:"disclosure"`
	ReleasedAt time.Time           `json:"released_at"`
	// Consent is the consent that allows the release of Part 2 records; absent for a client
	// who is not a Part 2 client.
	Consent  *carepath.Consent `json:"consent,omitempty"`
	Client   Client            `json:"client"`
	Episodes []Episode         `json:"episodes"`
	Measures []Measure         `json:"measures"`
	// Withheld names the parts of the summary the releasing staff member's role may not read
	// ("episodes", "measures"), which are left out.
	Withheld []string `json:"withheld,omitempty"`
}

// Client is who the client is, as a release names them.
type Client struct {
	ID         string `json:"id"`
	GivenName  string `json:"given_name"`
	FamilyName string `json:"family_name"`
	BirthDate  string `json:"birth_date"`
}

// Episode is one episode of care as released.
type Episode struct {
	Program      string                 `json:"program"`
	Level        carepath.Level         `json:"level"`
	AdmittedOn   string                 `json:"admitted_on"`
	DischargedOn string                 `json:"discharged_on,omitempty"`
	Status       carepath.EpisodeStatus `json:"status"`
}

// Measure is one measure as released: its total and band, not its answers.
type Measure struct {
	Instrument string    `json:"instrument"`
	TakenAt    time.Time `json:"taken_at"`
	Score      int       `json:"score"`
	Severity   string    `json:"severity,omitempty"`
}

// Build asks the disclosure gate whether the client's records may go to recipient for
// purpose and, when they may, reads the summary as the actor in ctx (each read audited as
// usual). The gate's errors come back unchanged: EFORBIDDEN naming the missing consent
// (carepath.MissingConsent), EINVALID naming recipient and purpose, ENOTFOUND.
func Build(ctx context.Context, svc carepath.Services, clientID, recipient string, purpose carepath.DisclosurePurpose, now time.Time) (*Record, error) {
	d, err := svc.Disclosures.Authorize(ctx, clientID, recipient, purpose)
	if err != nil {
		return nil, err
	}
	c, err := svc.Clients.FindClientByID(ctx, clientID)
	if err != nil {
		return nil, fmt.Errorf("release client: %w", err)
	}
	rec := &Record{Disclosure: *d, ReleasedAt: now.UTC().Truncate(time.Second),
		Client:   Client{ID: c.ID, GivenName: c.GivenName, FamilyName: c.FamilyName, BirthDate: c.BirthDate},
		Episodes: []Episode{}, Measures: []Measure{}}
	if d.ConsentID != "" {
		consents, err := svc.Consents.FindConsents(ctx, clientID)
		if err != nil {
			return nil, fmt.Errorf("release consent: %w", err)
		}
		for _, k := range consents {
			if k.ID == d.ConsentID {
				rec.Consent = k
			}
		}
	}
	episodes, err := svc.Episodes.FindEpisodes(ctx, clientID)
	if carepath.ErrorCode(err) == carepath.EFORBIDDEN {
		rec.Withheld, episodes, err = append(rec.Withheld, "episodes"), nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("release episodes: %w", err)
	}
	programs := map[string]string{}
	for _, e := range episodes {
		name, ok := programs[e.ProgramID]
		if !ok {
			if p, err := svc.Programs.FindProgramByID(ctx, e.ProgramID); err == nil {
				name = p.Name
			}
			programs[e.ProgramID] = name
		}
		rec.Episodes = append(rec.Episodes, Episode{Program: name, Level: e.Level, AdmittedOn: e.AdmittedOn,
			DischargedOn: e.DischargedOn, Status: e.Status})
	}
	series, err := svc.Measures.FindMeasures(ctx, clientID)
	if carepath.ErrorCode(err) == carepath.EFORBIDDEN {
		rec.Withheld, series, err = append(rec.Withheld, "measures"), &carepath.MeasureSeries{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("release measures: %w", err)
	}
	for _, m := range series.Measures {
		rec.Measures = append(rec.Measures, Measure{Instrument: m.Instrument, TakenAt: m.TakenAt.UTC(), Score: m.Score, Severity: m.Severity})
	}
	return rec, nil
}
