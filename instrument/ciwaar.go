package instrument

import "strconv"

// rating07 returns the 0–7 scale of a CIWA-Ar item: the published anchors at the points they
// name, and the bare number at the points in between, which the scale leaves to the rater.
func rating07(anchors map[int]string) []Option {
	out := make([]Option, 8)
	for p := range out {
		label, ok := anchors[p]
		if !ok {
			label = strconv.Itoa(p)
		} else {
			label = strconv.Itoa(p) + " – " + label
		}
		out[p] = Option{Label: label, Points: p}
	}
	return out
}

// hallucinationAnchors are the points 4–7 that the three perception items of the CIWA-Ar share.
func hallucinationAnchors(low map[int]string) map[int]string {
	low[4] = "moderately severe hallucinations"
	low[5] = "severe hallucinations"
	low[6] = "extremely severe hallucinations"
	low[7] = "continuous hallucinations"
	return low
}

// ciwaAr is the Clinical Institute Withdrawal Assessment for Alcohol, revised: ten signs and
// symptoms a clinician rates, nine from 0 to 7 and orientation from 0 to 4, for a total of
// 0–67. Its bands are the cautious reading of the ranges published with the scale, whose
// authors note that scores under 10 usually need no medication for withdrawal: 0–9 absent or
// minimal, 10–15 moderate, 16 and more severe.
var ciwaAr = &Instrument{
	ID:    CIWAAr,
	Name:  "CIWA-Ar",
	Title: "Clinical Institute Withdrawal Assessment for Alcohol, revised",
	Instructions: "Rate each sign and symptom as you observe it and as the person describes it now. " +
		"The pulse or heart rate and blood pressure are taken alongside, but are not scored.",
	Attribution: "Sullivan JT, Sykora K, Schneiderman J, Naranjo CA, Sellers EM. Assessment of alcohol withdrawal: the revised " +
		"Clinical Institute Withdrawal Assessment for Alcohol scale (CIWA-Ar). British Journal of Addiction 1989;84:1353–1357. " +
		"The scale is not copyrighted and may be used freely.",
	Items: []Item{
		{Key: "item1", Text: "Nausea and vomiting — ask \"Do you feel sick to your stomach? Have you vomited?\" and observe.",
			Options: rating07(map[int]string{0: "no nausea and no vomiting", 1: "mild nausea with no vomiting",
				4: "intermittent nausea with dry heaves", 7: "constant nausea, frequent dry heaves and vomiting"})},
		{Key: "item2", Text: "Tremor — arms extended and fingers spread apart; observe.",
			Options: rating07(map[int]string{0: "no tremor", 1: "not visible, but can be felt fingertip to fingertip",
				4: "moderate, with arms extended", 7: "severe, even with arms not extended"})},
		{Key: "item3", Text: "Paroxysmal sweats — observe.",
			Options: rating07(map[int]string{0: "no sweat visible", 1: "barely perceptible sweating, palms moist",
				4: "beads of sweat obvious on forehead", 7: "drenching sweats"})},
		{Key: "item4", Text: "Anxiety — ask \"Do you feel nervous?\" and observe.",
			Options: rating07(map[int]string{0: "no anxiety, at ease", 1: "mildly anxious",
				4: "moderately anxious, or guarded, so anxiety is inferred",
				7: "equivalent to acute panic states as seen in severe delirium or acute schizophrenic reactions"})},
		{Key: "item5", Text: "Agitation — observe.",
			Options: rating07(map[int]string{0: "normal activity", 1: "somewhat more than normal activity",
				4: "moderately fidgety and restless", 7: "paces back and forth during most of the interview, or constantly thrashes about"})},
		{Key: "item6", Text: "Tactile disturbances — ask \"Have you any itching, pins and needles sensations, any burning, any numbness, " +
			"or do you feel bugs crawling on or under your skin?\" and observe.",
			Options: rating07(hallucinationAnchors(map[int]string{0: "none", 1: "very mild itching, pins and needles, burning or numbness",
				2: "mild itching, pins and needles, burning or numbness", 3: "moderate itching, pins and needles, burning or numbness"}))},
		{Key: "item7", Text: "Auditory disturbances — ask \"Are you more aware of sounds around you? Are they harsh? Do they frighten you? " +
			"Are you hearing anything that is disturbing to you? Are you hearing things you know are not there?\" and observe.",
			Options: rating07(hallucinationAnchors(map[int]string{0: "not present", 1: "very mild harshness or ability to frighten",
				2: "mild harshness or ability to frighten", 3: "moderate harshness or ability to frighten"}))},
		{Key: "item8", Text: "Visual disturbances — ask \"Does the light appear to be too bright? Is its color different? Does it hurt " +
			"your eyes? Are you seeing anything that is disturbing to you? Are you seeing things you know are not there?\" and observe.",
			Options: rating07(hallucinationAnchors(map[int]string{0: "not present", 1: "very mild sensitivity",
				2: "mild sensitivity", 3: "moderate sensitivity"}))},
		{Key: "item9", Text: "Headache, fullness in head — ask \"Does your head feel different? Does it feel like there is a band around " +
			"your head?\" Do not rate for dizziness or lightheadedness; otherwise, rate severity.",
			Options: rating07(map[int]string{0: "not present", 1: "very mild", 2: "mild", 3: "moderate",
				4: "moderately severe", 5: "severe", 6: "very severe", 7: "extremely severe"})},
		{Key: "item10", Text: "Orientation and clouding of sensorium — ask \"What day is this? Where are you? Who am I?\"",
			Options: []Option{
				{"0 – oriented and can do serial additions", 0},
				{"1 – cannot do serial additions or is uncertain about date", 1},
				{"2 – disoriented for date by no more than 2 calendar days", 2},
				{"3 – disoriented for date by more than 2 calendar days", 3},
				{"4 – disoriented for place and/or person", 4},
			}},
	},
	Bands: []Band{
		{Code: "minimal", Label: "Absent or minimal withdrawal", Min: 0, Max: 9},
		{Code: "moderate", Label: "Moderate withdrawal", Min: 10, Max: 15},
		{Code: "severe", Label: "Severe withdrawal", Min: 16, Max: 67},
	},
	MaxTotal:       67,
	ClinicianRated: true,
}
