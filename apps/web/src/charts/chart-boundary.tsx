/**
 * An error boundary around each chart: if drawing one fails, that panel says so and offers to try
 * again (asking the server afresh), and the rest of the page (figures, other charts, filters)
 * stays. A new view or a new answer tries again by itself. React catches render errors only in a
 * class component, and reports the error to the console itself.
 */
import { Component, type ReactNode } from 'react';
import { Panel } from '../components/page.tsx';

interface Props {
  title: string;
  /** The view and answer the chart draws: when either changes, the chart is drawn afresh. */
  resetKey: string;
  /** Asks for the chart's data again. */
  onRetry: () => void;
  children: ReactNode;
}

export class ChartBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidUpdate(previous: Props) {
    if (this.state.failed && previous.resetKey !== this.props.resetKey) {
      this.setState({ failed: false });
    }
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Panel className="chart-panel chart-failed" title={this.props.title}>
        <div className="callout danger error-box" role="alert">
          <p>This chart could not be drawn. The figures and the other charts are not affected.</p>
          <button
            type="button"
            className="button small"
            onClick={() => {
              this.props.onRetry();
              this.setState({ failed: false });
            }}
          >
            Try again
          </button>
        </div>
      </Panel>
    );
  }
}
