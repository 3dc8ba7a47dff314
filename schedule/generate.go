package schedule

import (
	"fmt"
	"math/rand/v2"

	"github.com/carepath/carepath"
)

// GenParams are the sizes of a generated instance and its seed.
type GenParams struct {
	Clients, Clinicians, Groups, Slots int
	Seed                               uint64
}

var days = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// Generate returns a reproducible random instance shaped like an outpatient program: slots
// from 08:00 on weekdays (weekends too past 70 slots), clinicians who work four or five days,
// groups of one to three consecutive hours with a facilitator, and clients at the outpatient,
// IOP and PHP levels whose availability follows work and family (mornings, afternoons and
// evenings, or a few free days). It uses DefaultWeights and a target group size of 8.
func Generate(p GenParams) (*Instance, error) {
	var fe carepath.FieldErrors
	for _, x := range []struct {
		name    string
		v, l, h int
	}{{"clients", p.Clients, 0, 100_000}, {"clinicians", p.Clinicians, 0, 10_000},
		{"groups", p.Groups, 0, 10_000}, {"slots", p.Slots, 1, 168}} {
		if x.v < x.l || x.v > x.h {
			fe.Add(x.name, "range", "must be between %d and %d, got %d", x.l, x.h, x.v)
		}
	}
	if err := fe.Err(); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(p.Seed, 0x9e3779b97f4a7c15))
	nDays := 5
	if p.Slots > 70 {
		nDays = 7
	}
	perDay := (p.Slots + nDays - 1) / nDays
	inst := &Instance{Weights: DefaultWeights, TargetGroupSize: 8}
	type hour struct{ day, h int }
	var hours []hour
	for d := 0; len(hours) < p.Slots; d++ {
		for h := 0; h < perDay && len(hours) < p.Slots; h++ {
			inst.HourSlots = append(inst.HourSlots, fmt.Sprintf("%s-%02d", days[d], 8+h))
			hours = append(hours, hour{d, h})
		}
	}
	usedDays := hours[len(hours)-1].day + 1
	slotsWhere := func(keep func(hour) bool) []string {
		var out []string
		for i, h := range hours {
			if keep(h) {
				out = append(out, inst.HourSlots[i])
			}
		}
		return out
	}

	for i := range p.Clinicians {
		off := -1
		if rng.IntN(10) < 4 {
			off = rng.IntN(usedDays)
		}
		late, early := rng.IntN(3) == 0, rng.IntN(3) == 0
		avail := slotsWhere(func(h hour) bool {
			return h.day != off && !(late && h.h == 0) && !(early && h.h == perDay-1) && rng.IntN(20) != 0
		})
		inst.Clinicians = append(inst.Clinicians, Clinician{ID: fmt.Sprintf("k%d", i+1), Available: avail, MaxClients: 8 + rng.IntN(7)})
	}

	levelSets := [][]carepath.Level{{carepath.LevelIOP}, {carepath.LevelIOP, carepath.LevelPHP},
		{carepath.LevelPHP}, {carepath.LevelOutpatient, carepath.LevelIOP}, {carepath.LevelIOP, carepath.LevelPHP},
		{carepath.LevelOutpatient}}
	for i := range p.Groups {
		length := []int{3, 3, 3, 2, 2, 1}[rng.IntN(6)]
		length = min(length, perDay)
		var first int
		for {
			first = rng.IntN(len(hours))
			if first+length <= len(hours) && hours[first+length-1].day == hours[first].day {
				break
			}
		}
		g := Group{ID: fmt.Sprintf("g%d", i+1), Slots: inst.HourSlots[first : first+length : first+length],
			Capacity: []int{10, 10, 12, 8, 14}[rng.IntN(5)], Levels: levelSets[rng.IntN(len(levelSets))]}
		for range 20 {
			if len(inst.Clinicians) == 0 {
				break
			}
			k := inst.Clinicians[rng.IntN(len(inst.Clinicians))]
			if containsAll(k.Available, g.Slots) {
				g.Facilitator = k.ID
				break
			}
		}
		inst.Groups = append(inst.Groups, g)
	}

	for i := range p.Clients {
		c := Client{ID: fmt.Sprintf("c%d", i+1)}
		switch r := rng.IntN(20); {
		case r < 7:
			c.Level, c.GroupMinutesRequired, c.IndividualSessionsRequired = carepath.LevelOutpatient, []int{0, 0, 60, 120}[rng.IntN(4)], 1+rng.IntN(2)
		case r < 16:
			c.Level, c.GroupMinutesRequired, c.IndividualSessionsRequired = carepath.LevelIOP, 540, 1
		default:
			c.Level, c.GroupMinutesRequired, c.IndividualSessionsRequired = carepath.LevelPHP, 1200, 1+rng.IntN(2)
		}
		var keep func(hour) bool
		free := map[int]bool{rng.IntN(usedDays): true, rng.IntN(usedDays): true, rng.IntN(usedDays): true}
		switch rng.IntN(5) {
		case 0: // free all week
			keep = func(hour) bool { return true }
		case 1: // mornings
			keep = func(h hour) bool { return h.h < perDay/2 }
		case 2: // afternoons and evenings
			keep = func(h hour) bool { return h.h >= perDay/2-1 }
		default: // a few free days
			keep = func(h hour) bool { return free[h.day] }
		}
		c.Available = slotsWhere(func(h hour) bool { return keep(h) && rng.IntN(10) != 0 })
		if len(inst.Clinicians) > 0 && rng.IntN(4) != 0 {
			c.CurrentClinician = inst.Clinicians[rng.IntN(len(inst.Clinicians))].ID
		}
		inst.Clients = append(inst.Clients, c)
	}
	return inst, nil
}

// containsAll reports whether every element of sub is in set.
func containsAll(set, sub []string) bool {
	have := map[string]bool{}
	for _, s := range set {
		have[s] = true
	}
	for _, s := range sub {
		if !have[s] {
			return false
		}
	}
	return true
}
