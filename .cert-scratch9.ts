import { splitRuns, visualRuns } from './main/core/pdf/fonts.js'
for (const t of ['محمد بن علي', 'Dr. محمد علي', 'דוד כהן 2', 'Zoë', 'محمد (Mo) علي']) console.log(t, '=>', JSON.stringify(visualRuns(splitRuns(t, 'bold')).map(r => r.text)))
