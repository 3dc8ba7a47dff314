package delivery

import (
	"cmp"
	"slices"
)

// primaryIndex answers "who was this client's primary clinician on this date".
type primaryIndex map[string][]Assignment // by client, sorted by From

func newPrimaryIndex(as []Assignment) primaryIndex {
	idx := primaryIndex{}
	for _, a := range as {
		idx[a.ClientID] = append(idx[a.ClientID], a)
	}
	for _, list := range idx {
		slices.SortStableFunc(list, func(a, b Assignment) int { return a.From.Compare(b.From) })
	}
	return idx
}

// on returns the client's primary clinician on d, or "" when they had none yet. An
// assignment with a zero From holds from before any date.
func (idx primaryIndex) on(client string, d Date) string {
	list := idx[client]
	i, _ := slices.BinarySearchFunc(list, d, func(a Assignment, d Date) int {
		// Find the first assignment starting after d; the one before it holds on d.
		if a.From.After(d) {
			return 1
		}
		return -1
	})
	if i == 0 {
		return ""
	}
	return list[i-1].ClinicianID
}

func continuity(in QualityInput, pd *period, primary primaryIndex) ContinuityFigure {
	c := ContinuityFigure{
		Method: "For every individual session in the period that a client attended (present, late or leaving " +
			"early), we check whether one of its clinicians was the client's primary clinician on the session's " +
			"local date. Each client's share is those sessions over all their attended individual sessions; the " +
			"figure is the mean of the clients' shares, each client counting once. A client changed primary " +
			"clinician when a new, different primary clinician took over on a date in the period.",
	}
	per := map[string]*ClientContinuity{}
	for i, a := range pd.att {
		j := pd.at[i]
		if j < 0 || pd.sessions[j].Kind != KindIndividual || !a.Status.Attended() {
			continue
		}
		s := pd.sessions[j]
		cc := per[a.ClientID]
		if cc == nil {
			cc = &ClientContinuity{ClientID: a.ClientID}
			per[a.ClientID] = cc
		}
		cc.Sessions++
		if p := primary.on(a.ClientID, DateOf(s.Start.In(in.Program.Loc))); p != "" && slices.Contains(s.ClinicianIDs, p) {
			cc.WithPrimary++
		}
	}
	var sum float64
	for _, cc := range per {
		cc.Share = float64(cc.WithPrimary) / float64(cc.Sessions)
		sum += cc.Share
		c.PerClient = append(c.PerClient, *cc)
	}
	slices.SortFunc(c.PerClient, func(a, b ClientContinuity) int { return cmp.Compare(a.ClientID, b.ClientID) })
	c.Clients = len(c.PerClient)
	if c.Clients > 0 {
		c.MeanShare = sum / float64(c.Clients)
	}
	first, last := in.From.Monday(), in.To.Sunday()
	for _, list := range primary {
		for i := 1; i < len(list); i++ {
			if list[i].ClinicianID != list[i-1].ClinicianID && !list[i].From.Before(first) && !list[i].From.After(last) {
				c.ChangedPrimary++
				break
			}
		}
	}
	return c
}
