import type { ReactElement } from 'react'
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components'
import { ScreenHeading } from '../../components/screen-heading.js'
import { CertificatesPanel } from '../certificates/certificates-panel.js'
import { useNavigate } from '../navigation.js'
import { AwardsScreen } from './awards-screen.js'
import '../../components/awarding.css'

/**
 * The Awards section: every award (a list that fills the window), and printable certificates
 * on their own tab, so the list never scrolls inside a scrolling page.
 */
export function AwardsSection(): ReactElement {
  const go = useNavigate()
  return (
    <div className="awarding awards-section screen-fill">
      <ScreenHeading>Awards</ScreenHeading>
      <Tabs className="tabs fill" defaultSelectedKey="list">
        <TabList className="tab-list" aria-label="Awards and certificates">
          <Tab id="list" className="tab">
            All awards
          </Tab>
          <Tab id="certificates" className="tab">
            Certificates
          </Tab>
        </TabList>
        <TabPanel id="list" className="tab-panel fill">
          <AwardsScreen />
        </TabPanel>
        <TabPanel id="certificates" className="tab-panel">
          <CertificatesPanel onAward={() => go({ section: 'award' })} />
        </TabPanel>
      </Tabs>
    </div>
  )
}
