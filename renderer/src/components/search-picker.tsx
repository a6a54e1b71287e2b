import type { KeyboardEvent, ReactElement, ReactNode, Ref } from 'react'
import { ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components'
import './search-picker.css'

export type PickerItem = Readonly<{ id: string; title: string; detail?: string }>

type SearchPickerProps = Readonly<{
  label: string
  description?: string
  placeholder?: string
  items: readonly PickerItem[]
  inputValue: string
  onInputChange: (value: string) => void
  selectedId: string | null
  onSelect: (item: PickerItem | null) => void
  inputRef?: Ref<HTMLInputElement>
  autoFocus?: boolean
  isRequired?: boolean
  /** Shown in the open list when nothing matches (allowsEmptyCollection). */
  emptyText?: string
  /** Enter pressed with text typed but nothing to pick (e.g. add a new person). */
  onEnterWithoutMatch?: () => void
  /**
   * Enter pressed with text typed and no option highlighted: the caller decides what it picks
   * (instead of the first item), e.g. looking up an exact e-mail typed faster than the search.
   */
  onEnter?: (text: string) => void
  /** Extra content under the field (e.g. "add a new person"). */
  children?: ReactNode
}>

/**
 * A type-ahead picker (React Aria ComboBox) whose items are given already filtered. Enter picks
 * the highlighted item, or the first match when none is highlighted, so a trained person types a
 * few letters and presses Enter.
 */
export function SearchPicker({ inputRef, ...props }: SearchPickerProps): ReactElement {
  const { items, onSelect } = props

  function pickFirstOnEnter(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key !== 'Enter' || event.ctrlKey || event.altKey || event.metaKey) return
    const input = event.target
    if (!(input instanceof HTMLInputElement)) return
    if (input.getAttribute('aria-activedescendant')) return
    const first = items[0]
    if (props.inputValue.trim() === '') return
    if (props.onEnter) {
      // The picked item again: Enter goes on to the form (as without onEnter).
      if (props.selectedId !== null && props.selectedId === first?.id) return
      event.preventDefault()
      event.stopPropagation()
      props.onEnter(props.inputValue)
      return
    }
    if (!first) {
      if (!props.onEnterWithoutMatch) return
      event.preventDefault()
      event.stopPropagation()
      props.onEnterWithoutMatch()
      return
    }
    if (props.selectedId === first.id) return
    event.preventDefault()
    event.stopPropagation()
    onSelect(first)
  }

  return (
    <ComboBox
      className="field picker"
      items={items}
      inputValue={props.inputValue}
      onInputChange={props.onInputChange}
      selectedKey={props.selectedId}
      onSelectionChange={(key) => onSelect(items.find((item) => item.id === key) ?? null)}
      menuTrigger="input"
      allowsEmptyCollection={props.emptyText !== undefined}
      isRequired={props.isRequired}
      autoFocus={props.autoFocus}
    >
      <Label className="field-label">{props.label}</Label>
      <div className="picker-input-wrap" onKeyDownCapture={pickFirstOnEnter}>
        <Input
          ref={inputRef}
          className="field-input picker-input"
          placeholder={props.placeholder}
        />
      </div>
      {props.description ? (
        <Text slot="description" className="field-description">
          {props.description}
        </Text>
      ) : null}
      {props.children}
      <Popover className="picker-popover" placement="bottom start" offset={4}>
        <ListBox
          className="picker-list"
          renderEmptyState={() => <p className="picker-empty">{props.emptyText}</p>}
        >
          {(item: PickerItem) => (
            <ListBoxItem id={item.id} textValue={item.title} className="picker-item">
              <span className="picker-item-title">{item.title}</span>
              {item.detail ? <span className="picker-item-detail">{item.detail}</span> : null}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  )
}
