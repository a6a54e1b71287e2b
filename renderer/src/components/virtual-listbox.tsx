/**
 * A single-select listbox that renders only the rows in view (@tanstack/react-virtual), so a list
 * of thousands stays fast. Keyboard: the list is one tab stop; arrows, Home/End and Page Up/Down
 * move the active row (aria-activedescendant, scrolled into view first); Enter or Space opens it.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import {
  useId,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactElement,
  type ReactNode
} from 'react'
import './virtual-listbox.css'

type VirtualListboxProps<T> = Readonly<{
  label: string
  items: readonly T[]
  rowHeight: number
  itemKey: (item: T) => string
  renderItem: (item: T) => ReactNode
  onAction: (item: T) => void
  className?: string
  /** As tall as its rows (a flex parent shrinks it to the room there is), not a set height. */
  fitRows?: boolean
}>

export function VirtualListbox<T>(props: VirtualListboxProps<T>): ReactElement {
  const { items, rowHeight } = props
  const baseId = useId()
  const scrollRef = useRef<HTMLDivElement>(null)
  const [active, setActive] = useState(-1)
  const activeIndex = Math.min(active, items.length - 1)
  // The app does not use the React Compiler; the virtualizer re-renders this component itself.

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8
  })
  const rowId = (index: number) => `${baseId}-row-${index}`

  function moveTo(index: number): void {
    if (items.length === 0) return
    const next = Math.max(0, Math.min(items.length - 1, index))
    setActive(next)
    virtualizer.scrollToIndex(next, { align: 'auto' })
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const page = Math.max(
      1,
      Math.floor((scrollRef.current?.clientHeight ?? rowHeight) / rowHeight) - 1
    )
    const current = Math.max(activeIndex, 0)
    const moves: Record<string, number> = {
      ArrowDown: activeIndex < 0 ? 0 : current + 1,
      ArrowUp: current - 1,
      Home: 0,
      End: items.length - 1,
      PageDown: current + page,
      PageUp: current - page
    }
    const target = moves[event.key]
    if (target !== undefined) {
      event.preventDefault()
      moveTo(target)
      return
    }
    if ((event.key === 'Enter' || event.key === ' ') && activeIndex >= 0) {
      event.preventDefault()
      const item = items[activeIndex]
      if (item !== undefined) props.onAction(item)
    }
  }

  const activeRendered = virtualizer.getVirtualItems().some((row) => row.index === activeIndex)

  return (
    <div
      ref={scrollRef}
      role="listbox"
      aria-label={props.label}
      tabIndex={0}
      aria-activedescendant={activeIndex >= 0 && activeRendered ? rowId(activeIndex) : undefined}
      className={`virtual-listbox ${props.className ?? ''}`}
      style={props.fitRows ? fitRowsStyle(items.length * rowHeight + 2) : undefined}
      onKeyDown={onKeyDown}
      onFocus={() => {
        if (activeIndex < 0 && items.length > 0) setActive(0)
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index]
          if (item === undefined) return null
          return (
            <div
              key={props.itemKey(item)}
              id={rowId(row.index)}
              role="option"
              aria-selected={row.index === activeIndex}
              aria-setsize={items.length}
              aria-posinset={row.index + 1}
              className="virtual-listbox-row"
              data-active={row.index === activeIndex || undefined}
              style={{ height: row.size, transform: `translateY(${row.start}px)` }}
              onClick={() => {
                setActive(row.index)
                props.onAction(item)
              }}
            >
              {props.renderItem(item)}
            </div>
          )
        })}
      </div>
    </div>
  )
}

/** As tall as the rows, and (in a list that fills the window) never squeezed below a few of them. */
export function fitRowsStyle(height: number): { height: number; minHeight: string } {
  return { height, minHeight: `min(16rem, ${height}px)` }
}
