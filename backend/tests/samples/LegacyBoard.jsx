import React, { Component } from "react";

export default class extends Component {
  state = { cards: [] };

  componentDidMount() {
    this.setState({ cards: this.props.initial });
  }

  render() {
    return <ul>{this.state.cards.map((card) => <li key={card.id}>{card.title}</li>)}</ul>;
  }
}
