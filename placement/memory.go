package placement

import "github.com/carepath/carepath/instrument"

// memory is what one recommendation needs of a known size, allocated at once: its working
// memory, its scores and its not-recommended levels. A recommendation makes one allocation here
// instead of three.
type memory struct {
	work
	scores         [nQuestionnaires]instrument.Score    // PHQ-9, PHQ-2, GAD-7, GAD-2, AUDIT, AUDIT-C, DAST-10, drug screen
	notRecommended [len(levelOfRank) - 1]NotRecommended // every level but the recommended one
}
