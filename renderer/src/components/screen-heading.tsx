import { useEffect, useRef, type ReactElement } from 'react'

type ScreenHeadingProps = Readonly<{ children: string }>

/** The screen's h1; it takes focus when the screen opens so keyboard and reader users land on it. */
export function ScreenHeading({ children }: ScreenHeadingProps): ReactElement {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    ref.current?.focus()
  }, [children])
  return (
    <h1 ref={ref} tabIndex={-1} className="screen-heading">
      {children}
    </h1>
  )
}
