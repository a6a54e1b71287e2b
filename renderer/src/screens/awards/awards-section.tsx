import type { ReactElement } from 'react'
import { CertificatesPanel } from '../certificates/certificates-panel.js'
import { AwardsScreen } from './awards-screen.js'

/** The Awards section: every award, and printable certificates below. */
export function AwardsSection(): ReactElement {
  return (
    <>
      <AwardsScreen />
      <CertificatesPanel />
    </>
  )
}
