/** Point numbers are the system's, never typed: 1., 2., 2.1., 2.1.1. */
export type NumberedPoint<P> = { number: string; depth: number; point: P; children: NumberedPoint<P>[] }

export const numberPoints = <P extends { points?: P[] }>(points: P[], prefix = ''): NumberedPoint<P>[] =>
  points.map((point, i) => {
    const number = `${prefix}${i + 1}.`
    return { number, depth: prefix.split('.').length - 1, point, children: numberPoints(point.points ?? [], number) }
  })

/** "Приложение № N" for one of several appendices; a single appendix is just "Приложение". */
export const appendixLabel = (index: number, total: number): string =>
  total > 1 ? `Приложение № ${index + 1}` : 'Приложение'
