package schedule

import (
	"fmt"
	"slices"

	"github.com/carepath/carepath"
)

// Limits that keep an instance within what the model represents and the objective within an int.
const (
	MaxSlots      = 256       // a week has 168 hours
	maxCount      = 100_000   // capacities, caseloads, target size
	maxWeight     = 1_000_000 // each weight
	maxMinutesReq = 7 * 24 * 60
)

// Validate checks an instance and returns an EINVALID *carepath.Error naming every offending
// field, e.g. `clients[3].available[2]: unknown slot "mon-25"`, or nil.
func (inst *Instance) Validate() error {
	var fe carepath.FieldErrors
	slots := map[string]bool{}
	if len(inst.HourSlots) == 0 {
		fe.Add("hour_slots", "required", "at least one hour slot is needed")
	}
	if len(inst.HourSlots) > MaxSlots {
		fe.Add("hour_slots", "too_large", "at most %d hour slots (a week has 168 hours), got %d", MaxSlots, len(inst.HourSlots))
	}
	for i, s := range inst.HourSlots {
		f := fmt.Sprintf("hour_slots[%d]", i)
		switch {
		case s == "":
			fe.Add(f, "required", "empty slot name")
		case slots[s]:
			fe.Add(f, "duplicate", "duplicate slot %q", s)
		}
		slots[s] = true
	}
	checkSlots := func(field string, list []string) {
		seen := map[string]bool{}
		for j, s := range list {
			f := fmt.Sprintf("%s[%d]", field, j)
			switch {
			case !slots[s]:
				fe.Add(f, "unknown", "unknown slot %q", s)
			case seen[s]:
				fe.Add(f, "duplicate", "slot %q listed twice", s)
			}
			seen[s] = true
		}
	}
	count := func(field string, v, max int) {
		switch {
		case v < 0:
			fe.Add(field, "negative", "must not be negative, got %d", v)
		case v > max:
			fe.Add(field, "too_large", "at most %d, got %d", max, v)
		}
	}

	clinicians := map[string]bool{}
	for i, k := range inst.Clinicians {
		p := fmt.Sprintf("clinicians[%d]", i)
		checkID(&fe, p+".id", k.ID, clinicians)
		checkSlots(p+".available", k.Available)
		count(p+".max_clients", k.MaxClients, maxCount)
	}
	groups := map[string]bool{}
	for i, g := range inst.Groups {
		p := fmt.Sprintf("groups[%d]", i)
		checkID(&fe, p+".id", g.ID, groups)
		if len(g.Slots) == 0 {
			fe.Add(p+".slots", "required", "a group meets in at least one slot")
		}
		checkSlots(p+".slots", g.Slots)
		count(p+".capacity", g.Capacity, maxCount)
		if g.Facilitator != "" && !slices.ContainsFunc(inst.Clinicians, func(k Clinician) bool { return k.ID == g.Facilitator }) {
			fe.Add(p+".facilitator", "unknown", "unknown clinician %q", g.Facilitator)
		}
		for j, l := range g.Levels {
			if !l.Valid() {
				fe.Add(fmt.Sprintf("%s.levels[%d]", p, j), "unknown", "unknown level %q", l)
			}
		}
	}
	clients := map[string]bool{}
	for i, c := range inst.Clients {
		p := fmt.Sprintf("clients[%d]", i)
		checkID(&fe, p+".id", c.ID, clients)
		if !c.Level.Valid() {
			fe.Add(p+".level", "unknown", "unknown level %q", c.Level)
		}
		checkSlots(p+".available", c.Available)
		count(p+".group_minutes_required", c.GroupMinutesRequired, maxMinutesReq)
		count(p+".individual_sessions_required", c.IndividualSessionsRequired, MaxSlots)
		if c.CurrentClinician != "" && !clinicians[c.CurrentClinician] {
			fe.Add(p+".current_clinician", "unknown", "unknown clinician %q", c.CurrentClinician)
		}
	}
	count("weights.group_minute", inst.Weights.GroupMinute, maxWeight)
	count("weights.individual_session", inst.Weights.IndividualSession, maxWeight)
	count("weights.continuity", inst.Weights.Continuity, maxWeight)
	count("weights.over_target", inst.Weights.OverTarget, maxWeight)
	count("target_group_size", inst.TargetGroupSize, maxCount)
	return fe.Err()
}

// checkID records a problem when id is empty or already in seen, and adds it to seen.
func checkID(fe *carepath.FieldErrors, field, id string, seen map[string]bool) {
	switch {
	case id == "":
		fe.Add(field, "required", "an id is required")
	case seen[id]:
		fe.Add(field, "duplicate", "duplicate id %q", id)
	}
	seen[id] = true
}
