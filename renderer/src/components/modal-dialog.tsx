import type { ReactElement, ReactNode } from 'react'
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components'
import './modal-dialog.css'

type ModalDialogProps = Readonly<{
  title: string
  isOpen: boolean
  onOpenChange: (open: boolean) => void
  /** alertdialog for confirmations of destructive or surprising actions. */
  role?: 'dialog' | 'alertdialog'
  isDismissable?: boolean
  /** 'wide' for content with long technical lines (a credential); default 'normal'. */
  size?: 'normal' | 'wide'
  children: ReactNode
}>

/** A labelled modal (React Aria): focus moves in, stays in, and returns on close; Esc closes. */
export function ModalDialog(props: ModalDialogProps): ReactElement {
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={props.isOpen}
      onOpenChange={props.onOpenChange}
      isDismissable={props.isDismissable ?? true}
    >
      <Modal className={props.size === 'wide' ? 'modal modal-wide' : 'modal'}>
        <Dialog className="modal-dialog" role={props.role ?? 'dialog'}>
          <Heading slot="title" className="modal-title">
            {props.title}
          </Heading>
          {props.children}
        </Dialog>
      </Modal>
    </ModalOverlay>
  )
}
