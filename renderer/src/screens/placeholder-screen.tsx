import type { ReactElement } from 'react'
import { ScreenHeading } from '../components/screen-heading.js'

type PlaceholderScreenProps = Readonly<{ title: string; children: string }>

/** A section that is not built yet: its heading and one sentence of what will be here. */
export function PlaceholderScreen({ title, children }: PlaceholderScreenProps): ReactElement {
  return (
    <>
      <ScreenHeading>{title}</ScreenHeading>
      <p className="empty-state">{children}</p>
    </>
  )
}
