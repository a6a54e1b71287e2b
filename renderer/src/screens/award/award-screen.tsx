import type { ReactElement } from 'react'
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components'
import type { StationStatus } from '../../../../shared/types.js'
import type { KilnApi } from '../../../../shared/api.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { ScreenHeading } from '../../components/screen-heading.js'
import { useKilnQuery } from '../../hooks/use-kiln-query.js'
import { BatchPanel } from './batch-panel.js'
import { EmptyState } from '../../components/empty-state.js'
import { useNavigate } from '../navigation.js'
import { DeskForm } from './desk-form.js'
import { useDesk } from '../desk/desk-context.js'
import '../../components/awarding.css'
import './award.css'

const loadBadges = (kiln: KilnApi) => kiln.badgesList({})

type AwardScreenProps = Readonly<{ status: StationStatus }>

/** Award a badge to one person at the desk, or to a whole CSV file with a preview first. */
export function AwardScreen({ status }: AwardScreenProps): ReactElement {
  const badges = useKilnQuery(loadBadges, 'badges')
  const go = useNavigate()
  const desk = useDesk()
  const nonePublished =
    badges.phase === 'ready' && !badges.value.badges.some((b) => b.status === 'published')
  return (
    <div className="awarding award-screen">
      <ScreenHeading>Award</ScreenHeading>
      {badges.phase === 'loading' ? <p role="status">Loading badges…</p> : null}
      {badges.phase === 'failed' ? <ErrorAlert error={badges.error} /> : null}
      {nonePublished ? (
        <EmptyState
          actions={
            desk ? null : (
              <button
                type="button"
                className="button button-primary"
                onClick={() => go({ section: 'badges', part: 'new' })}
              >
                Design a badge
              </button>
            )
          }
        >
          No badge is published yet. Design one and publish it; then award it here, to one person or
          to a whole file.
        </EmptyState>
      ) : null}
      {badges.phase === 'ready' ? (
        <Tabs className="tabs" defaultSelectedKey="desk">
          <TabList className="tab-list" aria-label="How to award">
            <Tab id="desk" className="tab">
              One person
            </Tab>
            <Tab id="batch" className="tab">
              Batch from CSV
            </Tab>
          </TabList>
          <TabPanel id="desk" className="tab-panel">
            <DeskForm badges={badges.value.badges} siteUrl={status.siteUrl} />
          </TabPanel>
          <TabPanel id="batch" className="tab-panel">
            <BatchPanel badges={badges.value.badges} />
          </TabPanel>
        </Tabs>
      ) : null}
    </div>
  )
}
