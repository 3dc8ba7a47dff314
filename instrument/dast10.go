package instrument

// yesScores and yesClears are the two DAST-10 answer scales, both in the published order
// Yes, No: most items score a point for Yes, item 3 scores a point for No.
var (
	yesScores = []Option{{"Yes", 1}, {"No", 0}}
	yesClears = []Option{{"Yes", 0}, {"No", 1}}
)

// dast10 is the 10-item Drug Abuse Screening Test (Skinner 1982), in its self-report wording
// that speaks of "drug use".
var dast10 = &Instrument{
	ID:    DAST10,
	Name:  "DAST-10",
	Title: "Drug Abuse Screening Test (DAST-10)",
	Instructions: "\"Drug use\" refers to (1) the use of prescribed or over-the-counter drugs in excess of the directions, " +
		"and (2) any nonmedical use of drugs. The various classes of drugs may include cannabis (marijuana, hashish), " +
		"solvents (e.g., paint thinner), tranquilizers (e.g., Valium), barbiturates, cocaine, stimulants (e.g., speed), " +
		"hallucinogens (e.g., LSD) or narcotics (e.g., heroin). The questions do not include alcoholic beverages. " +
		"Please answer every question. If you have difficulty with a statement, then choose the response that is mostly right. " +
		"These questions refer to drug use in the past 12 months. Please answer No or Yes.",
	Attribution: "© 1982 Harvey A. Skinner, PhD and the Centre for Addiction and Mental Health, Toronto, Canada. " +
		"It may be reproduced for non-commercial use (clinical, research, training purposes) with credit to the author, " +
		"Dr. Harvey A. Skinner.",
	PanelLOINC: "82666-9",
	TotalLOINC: "82667-7",
	Items: []Item{
		{Key: "item1", Options: yesScores, Text: "Have you used drugs other than those required for medical reasons?"},
		{Key: "item2", Options: yesScores, Text: "Do you use more than one drug at a time?"},
		{Key: "item3", Options: yesClears, Text: "Are you always able to stop using drugs when you want to?"},
		{Key: "item4", Options: yesScores, Text: "Have you had \"blackouts\" or \"flashbacks\" as a result of drug use?"},
		{Key: "item5", Options: yesScores, Text: "Do you ever feel bad or guilty about your drug use?"},
		{Key: "item6", Options: yesScores, Text: "Does your spouse (or parents) ever complain about your involvement with drugs?"},
		{Key: "item7", Options: yesScores, Text: "Have you neglected your family because of your use of drugs?"},
		{Key: "item8", Options: yesScores, Text: "Have you engaged in illegal activities in order to obtain drugs?"},
		{Key: "item9", Options: yesScores, Text: "Have you ever experienced withdrawal symptoms (felt sick) when you stopped taking drugs?"},
		{Key: "item10", Options: yesScores,
			Text: "Have you had medical problems as a result of your drug use (e.g., memory loss, hepatitis, convulsions, bleeding, etc.)?"},
	},
	Bands: []Band{
		{Code: "none", Label: "No problems reported", Min: 0, Max: 0},
		{Code: "low", Label: "Low level", Min: 1, Max: 2},
		{Code: "moderate", Label: "Moderate level", Min: 3, Max: 5},
		{Code: "substantial", Label: "Substantial level", Min: 6, Max: 8},
		{Code: "severe", Label: "Severe level", Min: 9, Max: 10},
	},
	MaxTotal:   10,
	RecallDays: 365,
}

// YesNo turns DAST-10 yes/no answers into option indices: true is 0 ("Yes"), false is 1
// ("No"). A nil slice stays nil, so an unanswered questionnaire stays unanswered.
func YesNo(yes []bool) []int {
	if yes == nil {
		return nil
	}
	out := make([]int, len(yes))
	for i, y := range yes {
		if !y {
			out[i] = 1
		}
	}
	return out
}
