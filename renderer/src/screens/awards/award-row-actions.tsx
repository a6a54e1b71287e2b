import { MoreHorizontal } from 'lucide-react'
import type { ReactElement } from 'react'
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components'
import type { Award } from '../../../../shared/types.js'
import { useDesk } from '../desk/desk-context.js'

export type AwardAction = 'view' | 'pdf' | 'png' | 'json' | 'revoke' | 'reissue'

type AwardRowActionsProps = Readonly<{ award: Award; onAction: (action: AwardAction) => void }>

/** One "Actions" menu per award (keeps the virtual list to one tab stop per row). */
export function AwardRowActions({ award, onAction }: AwardRowActionsProps): ReactElement {
  const revoked = award.status === 'revoked'
  // Reissuing and revoking are the passphrase holder's: not offered in desk mode.
  const desk = useDesk()
  return (
    <MenuTrigger>
      <Button className="button button-small" aria-label={`Actions for ${award.recipientName}`}>
        <MoreHorizontal aria-hidden="true" size={16} /> Actions
      </Button>
      <Popover className="menu-popover" placement="bottom end">
        <Menu
          className="menu"
          disabledKeys={revoked ? ['revoke', 'reissue'] : []}
          onAction={(key) => onAction(key as AwardAction)}
        >
          <MenuItem id="view" className="menu-item">
            View credential
          </MenuItem>
          <MenuItem id="pdf" className="menu-item">
            Download certificate (PDF)
          </MenuItem>
          <MenuItem id="png" className="menu-item">
            Download baked PNG
          </MenuItem>
          <MenuItem id="json" className="menu-item">
            Download JSON
          </MenuItem>
          {desk ? null : (
            <MenuItem id="reissue" className="menu-item">
              Reissue with a correction…
            </MenuItem>
          )}
          {desk ? null : (
            <MenuItem id="revoke" className="menu-item menu-item-danger">
              Revoke…
            </MenuItem>
          )}
        </Menu>
      </Popover>
    </MenuTrigger>
  )
}
